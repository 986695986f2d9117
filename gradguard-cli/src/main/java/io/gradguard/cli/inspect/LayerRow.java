package io.gradguard.cli.inspect;

/**
 * The measurements of one top-level module of the network, averaged over the inspected batches. Values that
 * do not apply to the module are NaN (a module without a bias has no bias-gradient norm; the last weight
 * layer has no gain).
 *
 * @param name           module path ({@code layers.4})
 * @param kind           {@code dense}, {@code conv2d}, {@code rnn}..., or the activation's name for an
 *                       activation module ({@code relu}, {@code sigmoid})
 * @param hasParams      whether the module holds parameters (a row of the gain chain)
 * @param actMean        mean of the module's output over every value of the batch
 * @param actStd         standard deviation of the module's output (population, over every value)
 * @param weightGradNorm L2 norm of the gradient of the module's {@code weight*} parameters
 * @param biasGradNorm   L2 norm of the gradient of the module's {@code bias*} parameters
 * @param outGradNorm    Frobenius norm of {@code dL/d(output)} over the batch: the backpropagated signal
 * @param gain           {@code outGradNorm} of this layer divided by that of the next layer with parameters:
 *                       how much the next layer (and this layer's activation) multiplies the gradient
 *                       going toward the input
 * @param theoryGain     the gain the initialisation predicts for the same step (see {@link Inspector})
 * @param saturated      fraction of sigmoid or tanh output values at the asymptote (sigmoid {@code < 0.02}
 *                       or {@code > 0.98}, tanh {@code |y| > 0.98})
 * @param dead           fraction of ReLU units whose output is zero for every inspected example
 */
public record LayerRow(String name, String kind, boolean hasParams, double actMean, double actStd,
                       double weightGradNorm, double biasGradNorm, double outGradNorm, double gain,
                       double theoryGain, double saturated, double dead) {
    LayerRow withGain(double g, double theory) {
        return new LayerRow(name, kind, hasParams, actMean, actStd, weightGradNorm, biasGradNorm, outGradNorm, g,
                theory, saturated, dead);
    }
}
