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
 * @param biasGradNorm L2 norm of the layer's bias gradient, or NaN without a bias. It is the error signal
 *                     reaching the layer summed over the batch, {@code dC/db = sum of delta}: the seeds'
 *                     chain-rule product itself, free of the activations that multiply into weight gradients
 *                     (with a bad initialisation, activations grow forward as fast as deltas grow backward,
 *                     so weight-gradient norms look flat while bias gradients show the explosion)
 */
public record LayerStats(String layer, double gradNorm, double gradMaxAbs, long nanCount, long infCount,
                         double weightNorm, double updateRatio, double deadFraction, long elements,
                         double biasGradNorm) {
    /** Without a bias gradient norm (NaN). */
    public LayerStats(String layer, double gradNorm, double gradMaxAbs, long nanCount, long infCount,
                      double weightNorm, double updateRatio, double deadFraction, long elements) {
        this(layer, gradNorm, gradMaxAbs, nanCount, infCount, weightNorm, updateRatio, deadFraction, elements,
                Double.NaN);
    }

    public boolean finite() {
        return nanCount == 0 && infCount == 0;
    }
}
