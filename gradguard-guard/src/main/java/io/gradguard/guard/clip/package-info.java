/**
 * Gradient clipping. {@link io.gradguard.guard.clip.ClipPolicy} is the configuration (none, by value,
 * per-layer L2, global norm, AutoClip, AGC, ZClip), {@link io.gradguard.guard.clip.Clipper} applies one
 * policy to a step's gradients in place and keeps the history the adaptive policies need,
 * {@link io.gradguard.guard.clip.ClipResult} reports what it did, and {@link io.gradguard.guard.clip.Norms}
 * holds the overflow-safe norm kernels (float32 values, double accumulation). Where PyTorch has the
 * operation ({@code clip_grad_value_}, {@code clip_grad_norm_}) names and semantics are PyTorch's; the
 * adaptive policies follow their papers' reference code.
 */
package io.gradguard.guard.clip;
