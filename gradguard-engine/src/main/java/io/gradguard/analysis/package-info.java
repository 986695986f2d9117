/**
 * Closed-form and numerical analyses of gradient flow, each checked against the engine: the seeds'
 * one-neuron-per-layer chain rule product ({@link io.gradguard.analysis.ChainRule}), the sigmoid
 * explosion window ({@link io.gradguard.analysis.SigmoidWindow}), mean-field signal propagation after
 * Schoenholz et al. 2017 ({@link io.gradguard.analysis.MeanField}, measured by
 * {@link io.gradguard.analysis.MeanFieldCheck}) and the derivative ranges of every activation
 * ({@link io.gradguard.analysis.DerivativeRange}). Everything here is double precision unless it runs the
 * float32 engine on purpose.
 */
package io.gradguard.analysis;
