package io.gradguard.guard.clip;

/**
 * What one {@link Clipper#clip} call did.
 *
 * @param totalNorm   the total gradient norm before clipping: L2, or the policy's norm_type for
 *                    {@link ClipPolicy.GlobalNorm}; 0 when no parameter has a gradient
 * @param threshold   the norm limit applied this step (max_norm, the AutoClip percentile, the ZClip
 *                    boundary or target); the per-layer limit for {@link ClipPolicy.ByLayerNorm}; NaN when
 *                    the policy has none (None, ByValue, Agc, ZClip warm-up)
 * @param clipped     whether any gradient value was changed
 * @param coefficient the global scale applied to every gradient (1 if none); for ByValue, ByLayerNorm and
 *                    Agc, where the scale varies, 1 when nothing changed and NaN otherwise
 */
public record ClipResult(double totalNorm, double threshold, boolean clipped, double coefficient) {
}
