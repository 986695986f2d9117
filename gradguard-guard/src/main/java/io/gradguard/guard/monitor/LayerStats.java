package io.gradguard.guard.monitor;

/**
 * One layer's statistics for one step. A layer groups the parameters sharing a name prefix
 * ({@code layers.3.weight} and {@code layers.3.bias} form {@code layers.3}).
 *
 * @param layer        layer name
 * @param gradNorm     L2 norm of the layer's gradients (overflow-safe)
 * @param gradMaxAbs   largest |g| in the layer
 * @param nanCount     NaN gradient elements
 * @param infCount     infinite gradient elements
 * @param weightNorm   L2 norm of the layer's parameters; NaN on steps without costly statistics
 * @param updateRatio  log10(||W_t - W_{t-1}|| / ||W_{t-1}||), the update-to-weight ratio of DL4J's UI
 *                     (healthy near -3); NaN when not computed this step, -Infinity when nothing changed
 * @param deadFraction fraction of the weight's rows (output units) whose gradient is exactly zero on this
 *                     batch: after a ReLU those units were inactive for every example (dead ReLU units);
 *                     NaN for layers without a 2-D weight
 * @param elements     gradient elements in the layer
 */
public record LayerStats(String layer, double gradNorm, double gradMaxAbs, long nanCount, long infCount,
                         double weightNorm, double updateRatio, double deadFraction, long elements) {
    public boolean finite() {
        return nanCount == 0 && infCount == 0;
    }
}
