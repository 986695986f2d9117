package io.gradguard.autograd;

/**
 * An elementwise activation, with its forward rule and its derivative side by side.
 *
 * <p>{@link #derivative(float, float)} receives both the input {@code x} and the output {@code y = f(x)},
 * so rules like sigmoid ({@code y (1 - y)}) and tanh ({@code 1 - y^2}) reuse the forward value. Formulas and
 * defaults follow {@code torch.nn}: the derivative of ReLU at 0 is 0, as in PyTorch.
 */
public sealed interface Activation {
    /** {@code f(x)}. */
    float apply(float x);

    /** {@code f'(x)}, given {@code x} and {@code y = f(x)}. */
    float derivative(float x, float y);

    /** The spec and PyTorch-style name ({@code leaky_relu}). */
    String name();

    record Identity() implements Activation {
        public float apply(float x) {
            return x;
        }

        public float derivative(float x, float y) {
            return 1f;
        }

        public String name() {
            return "identity";
        }
    }

    /** {@code 1 / (1 + e^-x)}; derivative {@code y (1 - y)}, at most 0.25 (at x = 0). */
    record Sigmoid() implements Activation {
        public float apply(float x) {
            // Stable on both tails: never exponentiates a large positive number.
            if (x >= 0) {
                return (float) (1.0 / (1.0 + Math.exp(-x)));
            }
            double e = Math.exp(x);
            return (float) (e / (1.0 + e));
        }

        public float derivative(float x, float y) {
            return y * (1f - y);
        }

        public String name() {
            return "sigmoid";
        }
    }

    /** Derivative {@code 1 - y^2}, at most 1 (at x = 0). */
    record Tanh() implements Activation {
        public float apply(float x) {
            return (float) Math.tanh(x);
        }

        public float derivative(float x, float y) {
            return 1f - y * y;
        }

        public String name() {
            return "tanh";
        }
    }

    /** {@code max(0, x)}; derivative 1 for x > 0, else 0. */
    record ReLU() implements Activation {
        public float apply(float x) {
            return x > 0f ? x : 0f;
        }

        public float derivative(float x, float y) {
            return x > 0f ? 1f : 0f;
        }

        public String name() {
            return "relu";
        }
    }

    /** {@code x} for x > 0, else {@code negative_slope * x} (PyTorch default 0.01). */
    record LeakyReLU(float negativeSlope) implements Activation {
        public LeakyReLU {
            if (!Float.isFinite(negativeSlope) || negativeSlope < 0f) {
                throw new IllegalArgumentException("LeakyReLU negative_slope must be finite and >= 0, got "
                        + negativeSlope);
            }
        }

        public LeakyReLU() {
            this(0.01f);
        }

        public float apply(float x) {
            return x > 0f ? x : negativeSlope * x;
        }

        public float derivative(float x, float y) {
            return x > 0f ? 1f : negativeSlope;
        }

        public String name() {
            return "leaky_relu";
        }
    }

    /** {@code x} for x > 0, else {@code alpha (e^x - 1)} (PyTorch default alpha 1). */
    record ELU(float alpha) implements Activation {
        public ELU {
            if (!Float.isFinite(alpha) || alpha < 0f) {
                throw new IllegalArgumentException("ELU alpha must be finite and >= 0, got " + alpha);
            }
        }

        public ELU() {
            this(1f);
        }

        public float apply(float x) {
            return x > 0f ? x : (float) (alpha * Math.expm1(x));
        }

        public float derivative(float x, float y) {
            return x > 0f ? 1f : y + alpha;
        }

        public String name() {
            return "elu";
        }
    }

    /**
     * Exact GELU, {@code x * Phi(x)} with the normal CDF (PyTorch's default {@code approximate='none'});
     * derivative {@code Phi(x) + x phi(x)}.
     */
    record GELU() implements Activation {
        public float apply(float x) {
            return (float) (x * Erf.normalCdf(x));
        }

        public float derivative(float x, float y) {
            return (float) (Erf.normalCdf(x) + x * Math.exp(-0.5 * (double) x * x) / Math.sqrt(2 * Math.PI));
        }

        public String name() {
            return "gelu";
        }
    }

    /**
     * {@code scale * (x if x > 0 else alpha (e^x - 1))} with Klambauer et al. 2017's constants,
     * as in {@code torch.nn.SELU}.
     */
    record SELU() implements Activation {
        public static final float ALPHA = 1.6732632423543772848170429916717f;
        public static final float SCALE = 1.0507009873554804934193349852946f;

        public float apply(float x) {
            return x > 0f ? SCALE * x : (float) (SCALE * ALPHA * Math.expm1(x));
        }

        public float derivative(float x, float y) {
            return x > 0f ? SCALE : y + SCALE * ALPHA;
        }

        public String name() {
            return "selu";
        }
    }

    /**
     * {@code (1/beta) log(1 + e^(beta x))}, linear above {@code threshold} (PyTorch defaults beta 1,
     * threshold 20); derivative {@code sigmoid(beta x)}.
     */
    record Softplus(float beta, float threshold) implements Activation {
        public Softplus {
            if (!(beta > 0f) || !Float.isFinite(beta)) {
                throw new IllegalArgumentException("Softplus beta must be > 0, got " + beta);
            }
            if (!Float.isFinite(threshold)) {
                throw new IllegalArgumentException("Softplus threshold must be finite, got " + threshold);
            }
        }

        public Softplus() {
            this(1f, 20f);
        }

        public float apply(float x) {
            double bx = (double) beta * x;
            if (bx > threshold) {
                return x;
            }
            // log1p(e^bx) computed without overflow for large negative or moderate bx.
            return (float) ((Math.max(bx, 0) + Math.log1p(Math.exp(-Math.abs(bx)))) / beta);
        }

        public float derivative(float x, float y) {
            double bx = (double) beta * x;
            if (bx > threshold) {
                return 1f;
            }
            return (float) (bx >= 0 ? 1.0 / (1.0 + Math.exp(-bx)) : Math.exp(bx) / (1.0 + Math.exp(bx)));
        }

        public String name() {
            return "softplus";
        }
    }
}
