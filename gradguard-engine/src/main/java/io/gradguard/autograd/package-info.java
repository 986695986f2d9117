/**
 * Define-by-run reverse-mode autodiff on float32 {@link io.gradguard.tensor.Tensor tensors}.
 *
 * <p>{@link io.gradguard.autograd.Var} is a node of the graph (value, accumulated gradient, op label and
 * module scope); the ops live in small static classes, each keeping its forward and backward rule side by
 * side: {@link io.gradguard.autograd.ElementwiseOps}, {@link io.gradguard.autograd.MatrixOps},
 * {@link io.gradguard.autograd.ReduceOps}, {@link io.gradguard.autograd.AxisOps},
 * {@link io.gradguard.autograd.ShapeOps}, {@link io.gradguard.autograd.LossOps},
 * {@link io.gradguard.autograd.NormOps} (batch and layer norm), {@link io.gradguard.autograd.DropoutOps},
 * {@link io.gradguard.autograd.ConvOps}, {@link io.gradguard.autograd.PoolOps} and
 * {@link io.gradguard.autograd.RecurrentOps} (fused RNN/LSTM/GRU layers with backpropagation through time),
 * with the {@link io.gradguard.autograd.Activation} variants. {@link io.gradguard.autograd.GradMode} turns
 * recording off; {@link io.gradguard.autograd.OpScope} tags ops with the layer that ran them, so shape errors
 * name that layer; {@link io.gradguard.autograd.Anomaly} re-runs a step to name the first op and layer that
 * produced a NaN or Inf.
 */
package io.gradguard.autograd;
