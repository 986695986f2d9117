package io.gradguard.cli.guard;

import io.gradguard.guard.Workers;
import io.gradguard.guard.recover.GuardHost;
import io.gradguard.nn.Parameter;
import io.gradguard.optim.OptimizerState;
import io.gradguard.tensor.Parallel;
import io.gradguard.train.Checkpoint;
import io.gradguard.train.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The engine's trainer as a {@link GuardHost}, for one step. */
final class EngineHost implements GuardHost {
    private final StepContext step;
    private final Path checkpoints;

    EngineHost(StepContext step, Path checkpoints) {
        this.step = step;
        this.checkpoints = checkpoints;
    }

    /** Weights and optimiser state copied at a known-good step. */
    private record Snapshot(List<float[]> weights, List<float[]> buffers, OptimizerState optimizer) {
    }

    @Override
    public void scaleLr(double factor) {
        step.scaleLr(factor);
    }

    @Override
    public void skipBatches(int n) {
        step.skipBatches(n);
    }

    @Override
    public Object snapshot() {
        return snapshot(null);
    }

    /** Copies into {@code previous}'s arrays where they fit: a snapshot every 50 steps then allocates nothing. */
    @Override
    public Object snapshot(Object previous) {
        Snapshot old = previous instanceof Snapshot s ? s : new Snapshot(List.of(), List.of(), null);
        List<float[]> w = new ArrayList<>();
        for (Parameter p : step.parameters().values()) {
            w.add(copyInto(old.weights(), w.size(), p.value().data()));
        }
        List<float[]> b = new ArrayList<>();
        for (io.gradguard.tensor.Tensor t : step.model().namedBuffers().values()) {
            b.add(copyInto(old.buffers(), b.size(), t.data()));
        }
        return new Snapshot(w, b, step.optimizer().state(old.optimizer()));
    }

    private static float[] copyInto(List<float[]> old, int i, float[] src) {
        float[] dst = i < old.size() && old.get(i).length == src.length ? old.get(i) : new float[src.length];
        Parallel.copy(src, dst);
        return dst;
    }

    @Override
    public void restore(Object snapshot) {
        Snapshot s = (Snapshot) snapshot;
        int i = 0;
        for (Parameter p : step.parameters().values()) {
            Parallel.copy(s.weights().get(i++), p.value().data());
        }
        int j = 0;
        for (io.gradguard.tensor.Tensor t : step.model().namedBuffers().values()) {
            float[] src = s.buffers().get(j++);
            System.arraycopy(src, 0, t.data(), 0, src.length);
        }
        double lr = step.optimizer().lr();
        step.optimizer().loadState(s.optimizer());
        step.optimizer().setLr(lr);
    }

    @Override
    public boolean restoreFromDisk() {
        if (checkpoints == null || !Files.exists(checkpoints.resolve(Checkpoint.LATEST))) {
            return false;
        }
        try {
            double lr = step.optimizer().lr();
            Checkpoint.restore(checkpoints, step.model(), step.optimizer());
            step.optimizer().setLr(lr);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot roll back to " + checkpoints + ": " + e.getMessage(), e);
        }
    }

    /** The engine's kernel threads, idle between backward and the optimiser step. */
    @Override
    public Workers workers() {
        return Parallel::forEach;
    }

    @Override
    public String traceNonFinite() {
        return step.traceNonFinite();
    }
}
