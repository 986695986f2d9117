package io.gradguard.djl;

import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;

/**
 * A learning-rate tracker the guard can scale down: {@code lr(t) = scale * base(t)}, where {@code base} is any
 * DJL tracker (fixed, cosine, warm-up...) and {@code scale} starts at 1. Build the optimiser with it
 * ({@code Optimizer.sgd().setLearningRateTracker(lr)}, {@code Optimizer.adam().optLearningRateTracker(lr)})
 * and give the same object to {@link GuardedTraining}: the guard's "reduce learning rate" and
 * "roll back with lr_factor" recoveries then multiply {@code scale}, as the engine's trainer does.
 * DJL optimisers read their tracker on every update, so a change applies from the next step on.
 */
public final class ScalableTracker implements Tracker {
    private final ParameterTracker base;
    private volatile double scale = 1.0;

    public ScalableTracker(ParameterTracker base) {
        if (base == null) {
            throw new IllegalArgumentException("ScalableTracker base tracker must not be null");
        }
        this.base = base;
    }

    /** A fixed learning rate {@code lr} ({@code Tracker.fixed(lr)}), scalable. */
    public static ScalableTracker fixed(float lr) {
        if (!(lr > 0) || !Float.isFinite(lr)) {
            throw new IllegalArgumentException("ScalableTracker lr must be > 0 and finite, got " + lr);
        }
        return new ScalableTracker(Tracker.fixed(lr));
    }

    /** Multiplies the learning rate by {@code factor} in (0, 1] from the next update on. */
    public void scale(double factor) {
        if (!(factor > 0) || factor > 1) {
            throw new IllegalArgumentException("learning-rate scale factor must be in (0, 1], got " + factor);
        }
        scale *= factor;
    }

    /** The product of every factor applied so far (1 at the start). */
    public double scale() {
        return scale;
    }

    @Override
    public float getNewValue(String parameterId, int numUpdate) {
        return (float) (scale * base.getNewValue(parameterId, numUpdate));
    }

    @Override
    public float getNewValue(int numUpdate) {
        return getNewValue("", numUpdate);
    }
}
