package io.gradguard.guard.clip;

import java.util.Objects;

/**
 * How a step's gradients are clipped; applied by a {@link Clipper}. Hyperparameter names in messages are
 * PyTorch's (or the reference implementation's) so that a spec reads like the code it mirrors.
 */
public sealed interface ClipPolicy {

    /** No clipping; the clipper still reports the total L2 norm. */
    record None() implements ClipPolicy {
    }

    /**
     * {@code torch.nn.utils.clip_grad_value_}: every gradient element is clamped to [-clip_value, clip_value]
     * (NaN elements stay NaN, as {@code torch.clamp} propagates NaN).
     *
     * @param clipValue clip_value, > 0
     */
    record ByValue(double clipValue) implements ClipPolicy {
        public ByValue {
            if (!(clipValue > 0)) {
                throw new IllegalArgumentException("ByValue clip_value must be > 0, got " + clipValue);
            }
        }
    }

    /**
     * DL4J {@code GradientNormalization.ClipL2PerLayer}: the gradients of each layer (parameters grouped by
     * {@link io.gradguard.guard.ParamView#layer()}) are viewed as one vector G; if ||G||_2 > max_norm then
     * {@code G <- G * max_norm / ||G||_2} (no epsilon, as DL4J), otherwise G is unchanged.
     *
     * @param maxNorm max_norm, > 0
     */
    record ByLayerNorm(double maxNorm) implements ClipPolicy {
        public ByLayerNorm {
            if (!(maxNorm > 0)) {
                throw new IllegalArgumentException("ByLayerNorm max_norm must be > 0, got " + maxNorm);
            }
        }
    }

    /**
     * {@code torch.nn.utils.clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite)}: the total
     * p-norm N of all gradients viewed as one vector; every gradient is multiplied by
     * {@code c = min(max_norm / (N + 1e-6), 1)}.
     * <p>Non-finite N: with error_if_nonfinite a {@link NonFiniteNormException} is thrown (with PyTorch's
     * RuntimeError text) before any gradient changes. Without it the gradients are scaled as PyTorch does:
     * N = +Inf gives c = 0, so finite elements become 0 and infinite ones NaN (0 * Inf); N = NaN gives
     * c = NaN ({@code torch.clamp} propagates NaN), so every gradient becomes NaN (pytorch#46849 shows both).
     * Deliberate difference: squares are accumulated in double, so gradients whose float32 norm overflows
     * in PyTorch (e.g. 100 elements of 1e20, pytorch#46849) get their finite norm here and are clipped
     * rather than zeroed.
     *
     * @param maxNorm          max_norm, > 0
     * @param normType         norm_type, p >= 1 or {@link Double#POSITIVE_INFINITY} (max |g|)
     * @param errorIfNonfinite error_if_nonfinite
     */
    record GlobalNorm(double maxNorm, double normType, boolean errorIfNonfinite) implements ClipPolicy {
        public GlobalNorm {
            if (!(maxNorm > 0)) {
                throw new IllegalArgumentException("GlobalNorm max_norm must be > 0, got " + maxNorm);
            }
            if (!(normType >= 1)) {
                throw new IllegalArgumentException("GlobalNorm norm_type must be >= 1 or Infinity, got " + normType);
            }
        }

        /** PyTorch's defaults: norm_type 2.0, error_if_nonfinite False. */
        public GlobalNorm(double maxNorm) {
            this(maxNorm, 2.0, false);
        }
    }

    /**
     * AutoClip (Seetharaman, Wichern, Pardo, Le Roux 2020, "AutoClip: Adaptive Gradient Clipping for Source
     * Separation Networks", reference code github.com/pseeth/autoclip {@code autoclip.py}): each step the
     * total L2 norm is appended to the history, then the gradients are clipped as
     * {@code clip_grad_norm_(params, np.percentile(history, percentile))} (numpy's default linear
     * interpolation). Because the current norm is in the history, a step at or above the threshold is scaled
     * by threshold / (norm + 1e-6), exactly as the reference.
     * <p>Non-finite norms are not recorded (one NaN would make every later percentile NaN); the step is still
     * scaled by clip_grad_norm_'s rule against the current threshold.
     *
     * @param percentile  clip percentile in [0, 100] (the paper's p; 10 is its recommended value)
     * @param historySize history_size: 0 keeps every step (the paper), n > 0 keeps the last n norms
     */
    record AutoClip(double percentile, int historySize) implements ClipPolicy {
        public AutoClip {
            if (!(percentile >= 0 && percentile <= 100)) {
                throw new IllegalArgumentException("AutoClip percentile must be in [0, 100], got " + percentile);
            }
            if (historySize < 0) {
                throw new IllegalArgumentException(
                        "AutoClip history_size must be >= 0 (0 keeps every step), got " + historySize);
            }
        }
    }

    /**
     * Adaptive gradient clipping, unit-wise (Brock, De, Smith, Simonyan 2021, "High-Performance Large-Scale
     * Image Recognition Without Normalization", eq. 3), as timm's {@code adaptive_clip_grad}: for each unit i
     * (row of a rank >= 2 tensor with the trailing dims flattened; the whole tensor for rank 0/1)
     * {@code m_i = clipping * max(||W_i||, eps)}; if {@code ||G_i|| >= m_i} then
     * {@code G_i <- G_i * m_i / max(||G_i||, 1e-6)}. Every parameter with a gradient is clipped (the paper
     * exempts the final classifier; a host that wants that passes the other parameters only).
     *
     * @param clipping lambda (timm's clip_factor), > 0; 0.01 in the paper for large batches
     * @param eps      floor on the weight norm so zero-initialised weights still get a step, > 0; 1e-3
     */
    record Agc(double clipping, double eps) implements ClipPolicy {
        public Agc {
            if (!(clipping > 0)) {
                throw new IllegalArgumentException("Agc clipping must be > 0, got " + clipping);
            }
            if (!(eps > 0)) {
                throw new IllegalArgumentException("Agc eps must be > 0, got " + eps);
            }
        }

        /** The paper's and timm's defaults: clipping 0.01, eps 1e-3. */
        public Agc() {
            this(0.01, 1e-3);
        }
    }

    /**
     * ZClip (Kumar, Owen, Roy Chowdhury, Güra 2025, "ZClip: Adaptive Spike Mitigation for LLM
     * Pre-Training"), following the reference {@code ZClip.step} (github.com/bluorion-com/ZClip) with
     * {@code max_grad_norm=None} (its documented default):
     * <ol>
     * <li>Warm-up: the first warmup_steps total L2 norms are collected without clipping; then
     * mu = their mean, sigma^2 = their population variance.</li>
     * <li>After: sigma = sqrt(var), z = (g - mu) / (sigma + 1e-6). {@link Mode#ADAPTIVE_SCALING} (the
     * default, mode="zscore", clip_option="adaptive_scaling"): if z > z_thresh the norm is clipped to
     * mu + z_thresh * sigma / (z / z_thresh) (the reciprocal-z adjustment: larger spikes are clipped
     * harder). {@link Mode#MEAN}: clipped to mu. {@link Mode#PERCENTILE} (mode="percentile"): clipped to
     * mu + z_thresh * sigma when g exceeds it. Clipping multiplies every gradient by
     * target / (g + 1e-6).</li>
     * <li>The EMA is updated with the clipped norm when clipped, else with g:
     * {@code mu <- alpha mu + (1 - alpha) x}, then {@code var <- alpha var + (1 - alpha) (x - mu)^2} with the new mu
     * (as the reference).</li>
     * </ol>
     * Non-finite norms leave the statistics untouched (the reference would poison them with NaN).
     *
     * @param alpha       EMA smoothing factor in (0, 1); 0.97
     * @param zThreshold  z_thresh, > 0; 2.5
     * @param warmupSteps warmup_steps, >= 1; 25
     * @param mode        clipping rule once warmed up
     */
    record ZClip(double alpha, double zThreshold, int warmupSteps, Mode mode) implements ClipPolicy {
        /** The reference's clipping rules. */
        public enum Mode {
            /** mode="zscore", clip_option="adaptive_scaling" (the reference default). */
            ADAPTIVE_SCALING,
            /** mode="zscore", clip_option="mean". */
            MEAN,
            /** mode="percentile": clip to mu + z_thresh * sigma. */
            PERCENTILE
        }

        public ZClip {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("ZClip alpha must be in (0, 1), got " + alpha);
            }
            if (!(zThreshold > 0) || zThreshold == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("ZClip z_thresh must be > 0 and finite, got " + zThreshold);
            }
            if (warmupSteps < 1) {
                throw new IllegalArgumentException("ZClip warmup_steps must be >= 1, got " + warmupSteps);
            }
            Objects.requireNonNull(mode, "ZClip mode");
        }

        /** The reference defaults: alpha 0.97, z_thresh 2.5, warmup_steps 25, adaptive scaling. */
        public ZClip() {
            this(0.97, 2.5, 25, Mode.ADAPTIVE_SCALING);
        }
    }
}
