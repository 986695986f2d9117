package io.gradguard.train;

import io.gradguard.nn.Module;
import io.gradguard.optim.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Where the trainer writes checkpoints, and how many it keeps. */
public record CheckpointPolicy(Path directory, int keep) {
    public CheckpointPolicy {
        if (directory == null) {
            throw new IllegalArgumentException("checkpoint directory must be set");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("checkpoints to keep must be >= 1, got " + keep);
        }
    }

    void save(Module model, Optimizer optimizer, Progress progress) {
        try {
            Checkpoint.save(directory, model, optimizer, progress, keep);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint under " + directory + ": " + e.getMessage(), e);
        }
    }
}
