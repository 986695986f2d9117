package io.gradguard.djl;

import ai.djl.ndarray.NDArray;
import io.gradguard.guard.recover.GuardHost;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL training as a {@link GuardHost}, for one step: the learning rate through a {@link ScalableTracker},
 * batch skipping through {@link GuardedTraining}, snapshots as copies of every parameter array. A snapshot
 * taken at step {@code s} is the model as step {@code s - 1} left it: the trainable weights (step {@code s}'s
 * update has not run yet) and batch norm's running statistics as they were before step {@code s}'s forward
 * pass updated them.
 *
 * <p>What a snapshot cannot hold: DJL optimisers keep their state (SGD's momentum, Adam's moments and
 * per-parameter update counts) in private fields with no API to read or write it, so a rollback restores the
 * weights and running statistics but not the optimiser state: momentum and moment estimates carry on from
 * the rolled-back steps. Steps the guard skips never reach the optimiser, so NaN gradients cannot enter its
 * state. There are no checkpoints on disk ({@link #restoreFromDisk()} is false) and no per-op NaN tracing
 * (libtorch's anomaly mode is not exposed by DJL), so {@link #traceNonFinite()} names nothing.
 */
final class DjlHost implements GuardHost {
    private final List<DjlParameters.Named> trainable;
    private final List<DjlParameters.Named> buffers;
    private final List<float[]> buffersBeforeForward;
    private final ScalableTracker lr;
    private final GuardedTraining training;
    private boolean restored;

    /**
     * @param buffersBeforeForward copies of {@code buffers} (the parameters without gradients: running
     *                             statistics) taken before this step's forward pass
     */
    DjlHost(List<DjlParameters.Named> trainable, List<DjlParameters.Named> buffers, List<float[]> buffersBeforeForward,
            ScalableTracker lr, GuardedTraining training) {
        this.trainable = trainable;
        this.buffers = buffers;
        this.buffersBeforeForward = buffersBeforeForward;
        this.lr = lr;
        this.training = training;
    }

    /** Copies of the trainable weights and of the buffers, in {@link DjlParameters#of} order. */
    private record Snapshot(List<float[]> weights, List<float[]> buffers) {
    }

    @Override
    public void scaleLr(double factor) {
        lr.scale(factor);
    }

    @Override
    public void skipBatches(int n) {
        training.skipBatches(n);
    }

    @Override
    public Object snapshot() {
        return new Snapshot(copyValues(trainable), buffersBeforeForward);
    }

    /** As {@link #snapshot()}, copying the weights into the arrays of the snapshot it replaces. */
    @Override
    public Object snapshot(Object previous) {
        if (!(previous instanceof Snapshot p) || p.weights().size() != trainable.size()) {
            return snapshot();
        }
        List<float[]> weights = new ArrayList<>(trainable.size());
        for (int i = 0; i < trainable.size(); i++) {
            weights.add(DjlParamView.copyOut(trainable.get(i).parameter().getArray(), p.weights().get(i)));
        }
        return new Snapshot(weights, buffersBeforeForward);
    }

    @Override
    public void restore(Object snapshot) {
        Snapshot s = (Snapshot) snapshot;
        restoreValues(trainable, s.weights());
        restoreValues(buffers, s.buffers());
        restored = true;
    }

    /** Whether {@link #restore} ran during this step. */
    boolean restored() {
        return restored;
    }

    /** Copies {@code values} into {@code array} in place (outside a gradient collector, so autograd is off). */
    static void copyInto(NDArray array, float[] values) {
        try (NDArray src = array.getManager().create(values, array.getShape())) {
            array.set(DjlParamView.ALL, src);
        }
    }

    /** Copies of the parameters' values. */
    static List<float[]> copyValues(List<DjlParameters.Named> ps) {
        List<float[]> out = new ArrayList<>(ps.size());
        for (DjlParameters.Named p : ps) {
            out.add(p.parameter().getArray().toFloatArray());
        }
        return out;
    }

    /** Copies {@code values} back into the parameters, in place. */
    static void restoreValues(List<DjlParameters.Named> ps, List<float[]> values) {
        for (int i = 0; i < ps.size(); i++) {
            copyInto(ps.get(i).parameter().getArray(), values.get(i));
        }
    }
}
