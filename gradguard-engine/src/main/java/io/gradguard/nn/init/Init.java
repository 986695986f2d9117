package io.gradguard.nn.init;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.Objects;

/**
 * A weight initialiser: fills a tensor in place from the given {@link Rng} (pass {@code rng.fork("init")}
 * so the draws do not disturb other streams). Formulas and defaults are those of {@code torch.nn.init};
 * weights are laid out {@code [out, in, ...]} as PyTorch's, and their fans come from {@link Fans#of}.
 * Values are drawn in double and rounded to float32.
 */
public sealed interface Init {
    /** Overwrites every element of {@code t}. */
    void fill(Tensor t, Rng rng);

    /** PyTorch's name without the trailing underscore ({@code kaiming_uniform}). */
    String name();

    /** All zeros ({@code zeros_}). */
    record Zeros() implements Init {
        public void fill(Tensor t, Rng rng) {
            t.fill(0f);
        }

        public String name() {
            return "zeros";
        }
    }

    /** Every element {@code value} ({@code constant_}). */
    record Constant(double value) implements Init {
        public Constant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("Constant init value must be finite, got " + value);
            }
        }

        public void fill(Tensor t, Rng rng) {
            t.fill((float) value);
        }

        public String name() {
            return "constant";
        }
    }

    /** {@code N(mean, std^2)} ({@code normal_}, defaults mean 0, std 1). */
    record Normal(double mean, double std) implements Init {
        public Normal {
            requireFinite("Normal mean", mean);
            if (!(std >= 0) || Double.isInfinite(std)) {
                throw new IllegalArgumentException("Normal std must be finite and >= 0, got " + std);
            }
        }

        public Normal() {
            this(0, 1);
        }

        public void fill(Tensor t, Rng rng) {
            Sampling.normal(t, mean, std, rng);
        }

        public String name() {
            return "normal";
        }
    }

    /** {@code U(a, b)} ({@code uniform_}, defaults a 0, b 1). */
    record Uniform(double a, double b) implements Init {
        public Uniform {
            requireFinite("Uniform a", a);
            requireFinite("Uniform b", b);
            if (!(a < b)) {
                throw new IllegalArgumentException("Uniform needs a < b, got a=" + a + ", b=" + b);
            }
        }

        public Uniform() {
            this(0, 1);
        }

        public void fill(Tensor t, Rng rng) {
            Sampling.uniform(t, a, b, rng);
        }

        public String name() {
            return "uniform";
        }
    }

    /**
     * Glorot normal ({@code xavier_normal_}): {@code N(0, std^2)} with
     * {@code std = gain * sqrt(2 / (fan_in + fan_out))} (Glorot and Bengio 2010), default gain 1.
     */
    record XavierNormal(double gain) implements Init {
        public XavierNormal {
            requirePositive("XavierNormal gain", gain);
        }

        public XavierNormal() {
            this(1);
        }

        /** {@code gain * sqrt(2 / (fan_in + fan_out))}. */
        public double std(int[] shape) {
            Fans f = Fans.of(shape);
            return gain * Math.sqrt(2.0 / ((double) f.fanIn() + f.fanOut()));
        }

        public void fill(Tensor t, Rng rng) {
            Sampling.normal(t, 0, std(t.shape()), rng);
        }

        public String name() {
            return "xavier_normal";
        }
    }

    /**
     * Glorot uniform ({@code xavier_uniform_}): {@code U(-bound, bound)} with {@code bound = sqrt(3) * std}
     * and {@code std = gain * sqrt(2 / (fan_in + fan_out))}, i.e. {@code gain * sqrt(6 / (fan_in + fan_out))}.
     */
    record XavierUniform(double gain) implements Init {
        public XavierUniform {
            requirePositive("XavierUniform gain", gain);
        }

        public XavierUniform() {
            this(1);
        }

        /** {@code gain * sqrt(6 / (fan_in + fan_out))}. */
        public double bound(int[] shape) {
            Fans f = Fans.of(shape);
            return Math.sqrt(3.0) * gain * Math.sqrt(2.0 / ((double) f.fanIn() + f.fanOut()));
        }

        public void fill(Tensor t, Rng rng) {
            double bound = bound(t.shape());
            Sampling.uniform(t, -bound, bound, rng);
        }

        public String name() {
            return "xavier_uniform";
        }
    }

    /**
     * He normal ({@code kaiming_normal_}, He et al. 2015): {@code N(0, std^2)} with
     * {@code std = gain / sqrt(fan)}, {@code gain = nonlinearity.gain(a)}, {@code fan} chosen by {@code mode}.
     * PyTorch's defaults: {@code a = 0, mode = fan_in, nonlinearity = leaky_relu} (gain {@code sqrt(2)}).
     */
    record KaimingNormal(double a, FanMode mode, Nonlinearity nonlinearity) implements Init {
        public KaimingNormal {
            requireKaiming("KaimingNormal", a, mode, nonlinearity);
        }

        public KaimingNormal() {
            this(0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
        }

        /** {@code a = 0, fan_in} for the given nonlinearity. */
        public KaimingNormal(Nonlinearity nonlinearity) {
            this(0, FanMode.FAN_IN, nonlinearity);
        }

        /** {@code gain / sqrt(fan)}. */
        public double std(int[] shape) {
            return kaimingStd(shape, a, mode, nonlinearity);
        }

        public void fill(Tensor t, Rng rng) {
            if (t.numel() > 0) {
                Sampling.normal(t, 0, std(t.shape()), rng);
            }
        }

        public String name() {
            return "kaiming_normal";
        }
    }

    /**
     * He uniform ({@code kaiming_uniform_}): {@code U(-bound, bound)} with {@code bound = sqrt(3) * gain /
     * sqrt(fan)}; same defaults as {@link KaimingNormal}. {@code torch.nn.Linear}'s default weight init is
     * this with {@code a = sqrt(5)}, which gives {@code bound = 1 / sqrt(fan_in)}.
     */
    record KaimingUniform(double a, FanMode mode, Nonlinearity nonlinearity) implements Init {
        public KaimingUniform {
            requireKaiming("KaimingUniform", a, mode, nonlinearity);
        }

        public KaimingUniform() {
            this(0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
        }

        /** {@code a = 0, fan_in} for the given nonlinearity. */
        public KaimingUniform(Nonlinearity nonlinearity) {
            this(0, FanMode.FAN_IN, nonlinearity);
        }

        /** {@code sqrt(3) * gain / sqrt(fan)}. */
        public double bound(int[] shape) {
            return Math.sqrt(3.0) * kaimingStd(shape, a, mode, nonlinearity);
        }

        public void fill(Tensor t, Rng rng) {
            if (t.numel() > 0) {
                double bound = bound(t.shape());
                Sampling.uniform(t, -bound, bound, rng);
            }
        }

        public String name() {
            return "kaiming_uniform";
        }
    }

    /**
     * LeCun normal: {@code N(0, 1 / fan_in)}, the init SELU's self-normalisation assumes (Klambauer et al.
     * 2017; LeCun et al. 1998). Not truncated (Keras's {@code lecun_normal} truncates at 2 std).
     */
    record LecunNormal() implements Init {
        /** {@code 1 / sqrt(fan_in)}. */
        public double std(int[] shape) {
            return 1.0 / Math.sqrt(Fans.of(shape).fanIn());
        }

        public void fill(Tensor t, Rng rng) {
            if (t.numel() > 0) {
                Sampling.normal(t, 0, std(t.shape()), rng);
            }
        }

        public String name() {
            return "lecun_normal";
        }
    }

    /**
     * A (semi-)orthogonal matrix times {@code gain} ({@code orthogonal_}, Saxe et al. 2013): the trailing
     * dimensions are flattened to {@code [rows, cols]}, a standard normal matrix (transposed when
     * {@code rows < cols}) is QR-factorised, and Q's columns are multiplied by the signs of R's diagonal so
     * the result is uniformly distributed (Mezzadri 2007). Then {@code W W^T = gain^2 I} when
     * {@code rows <= cols}, else {@code W^T W = gain^2 I}.
     */
    record Orthogonal(double gain) implements Init {
        public Orthogonal {
            requirePositive("Orthogonal gain", gain);
        }

        public Orthogonal() {
            this(1);
        }

        public void fill(Tensor t, Rng rng) {
            OrthogonalFill.fill(t, gain, rng);
        }

        public String name() {
            return "orthogonal";
        }
    }

    private static void requireFinite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be finite, got " + v);
        }
    }

    private static void requirePositive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, got " + v);
        }
    }

    private static void requireKaiming(String what, double a, FanMode mode, Nonlinearity nonlinearity) {
        if (!(a >= 0) || Double.isInfinite(a)) {
            throw new IllegalArgumentException(what + " a (negative slope) must be finite and >= 0, got " + a);
        }
        Objects.requireNonNull(mode, what + " mode");
        Objects.requireNonNull(nonlinearity, what + " nonlinearity");
    }

    private static double kaimingStd(int[] shape, double a, FanMode mode, Nonlinearity nonlinearity) {
        int fan = mode.of(Fans.of(shape));
        if (fan == 0) {
            throw new IllegalArgumentException("Kaiming init: " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " is 0 for shape " + io.gradguard.tensor.Shapes.str(shape));
        }
        return nonlinearity.gain(a) / Math.sqrt(fan);
    }
}
