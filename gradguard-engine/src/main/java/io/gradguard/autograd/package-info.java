/**
 * Define-by-run reverse-mode autodiff on float32 {@link io.gradguard.tensor.Tensor tensors}.
 *
 * <p>{@link io.gradguard.autograd.Var} is a node of the graph (value, accumulated gradient, op label and
 * module scope); the ops live in small static classes, each keeping its forward and backward rule side by
 * side: {@link io.gradguard.autograd.ElementwiseOps}, {@link io.gradguard.autograd.MatrixOps},
 * {@link io.gradguard.autograd.ReduceOps}, {@link io.gradguard.autograd.AxisOps},
 * {@link io.gradguard.autograd.ShapeOps} and {@link io.gradguard.autograd.LossOps}, with the
 * {@link io.gradguard.autograd.Activation} variants. {@link io.gradguard.autograd.GradMode} turns recording
 * off; {@link io.gradguard.autograd.OpScope} tags ops with the layer that ran them, so shape errors and
 * non-finite gradients name that layer.
 */
package io.gradguard.autograd;
