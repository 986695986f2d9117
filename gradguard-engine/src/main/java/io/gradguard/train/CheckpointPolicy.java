package io.gradguard.train;

import io.gradguard.nn.Module;
import io.gradguard.optim.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where the trainer writes checkpoints, how many it keeps, and extra files saved beside the weights (for
 * example the gradient guard's history, {@code guard.json}).
 */
public record CheckpointPolicy(Path directory, int keep, java.util.List<Extra> extras) {
    /** A file written into every checkpoint, its content produced at save time. */
    public record Extra(String file, java.util.function.Supplier<byte[]> content) {
        public Extra {
            if (file == null || !file.matches("[A-Za-z0-9._-]+") || file.equals("model.safetensors")
                    || file.equals("optimizer.json") || file.equals("progress.json")) {
                throw new IllegalArgumentException("checkpoint extra file name must be a plain file name other than "
                        + "the checkpoint's own, got '" + file + "'");
            }
        }
    }

    public CheckpointPolicy(Path directory, int keep) {
        this(directory, keep, java.util.List.of());
    }

    /** This policy with one more extra file. */
    public CheckpointPolicy withExtra(String file, java.util.function.Supplier<byte[]> content) {
        java.util.List<Extra> l = new java.util.ArrayList<>(extras);
        l.add(new Extra(file, content));
        return new CheckpointPolicy(directory, keep, l);
    }

    public CheckpointPolicy {
        extras = java.util.List.copyOf(extras);
        if (directory == null) {
            throw new IllegalArgumentException("checkpoint directory must be set");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("checkpoints to keep must be >= 1, got " + keep);
        }
    }

    void save(Module model, Optimizer optimizer, Progress progress) {
        try {
            Checkpoint.save(directory, model, optimizer, progress, keep, extras);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint under " + directory + ": " + e.getMessage(), e);
        }
    }
}
