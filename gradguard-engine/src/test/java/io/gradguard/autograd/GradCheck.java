package io.gradguard.autograd;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Finite-difference gradient check for a function {@code List<Var> -> Var}.
 *
 * <p>A non-scalar output is reduced to the scalar {@code L = sum(out * R)} with a fixed random projection
 * {@code R ~ N(0, 1)} (seeded, so a failure reproduces); the analytic gradient is {@code out.backward(R)}.
 * Each element {@code x_i} of every input that requires a gradient is perturbed in place by {@code +-h}
 * and {@code dL/dx_i ~ (L(x_i + h) - L(x_i - h)) / (2h)}, where {@code L} is accumulated in double and the
 * step is the one actually taken after rounding {@code x_i +- h} to float32.
 *
 * <p>Tolerances: pass when {@code |a - n| <= atol + rtol * max(|a|, |n|)}, with {@code h = 1e-2},
 * {@code rtol = 1e-2}, {@code atol = 1e-3} by default. Why: the forward pass is float32 (unit roundoff
 * {@code u = 6e-8}), so rounding in {@code L} contributes about {@code u * |L| / h}, which is {@code 6e-4}
 * even for {@code |L| = 100}: inside {@code atol}. The central difference's truncation error is
 * {@code h^2 / 6 * |f'''|}, about {@code 2e-5} for {@code |f'''| = 1}: far inside {@code rtol}. A smaller
 * {@code h} trades truncation for rounding, and {@code 1e-3} would make the rounding term {@code 6e-3}. Real
 * backward bugs (a missing factor of 2, a wrong sign, a transposed index, a dropped term) give errors of
 * the order of the gradient itself, far above 1%. Inputs must stay at least {@code h} away from kinks.
 */
public final class GradCheck {
    private final double h;
    private final double rtol;
    private final double atol;
    private final long seed;

    private GradCheck(double h, double rtol, double atol, long seed) {
        this.h = h;
        this.rtol = rtol;
        this.atol = atol;
        this.seed = seed;
    }

    /** {@code h = 1e-2, rtol = 1e-2, atol = 1e-3} (see the class comment). */
    public static GradCheck defaults() {
        return new GradCheck(1e-2, 1e-2, 1e-3, 1234);
    }

    public GradCheck step(double newH) {
        return new GradCheck(newH, rtol, atol, seed);
    }

    public GradCheck tolerances(double newRtol, double newAtol) {
        return new GradCheck(h, newRtol, newAtol, seed);
    }

    /** Runs the check and throws an {@link AssertionError} listing the mismatching elements. */
    public void check(String what, Function<List<Var>, Var> f, Var... inputs) {
        Result r = run(f, inputs);
        if (!r.mismatches().isEmpty()) {
            StringBuilder sb = new StringBuilder("gradcheck '").append(what).append("': ")
                    .append(r.mismatches().size()).append(" of ").append(r.checked())
                    .append(" elements differ (h=").append(h).append(", rtol=").append(rtol)
                    .append(", atol=").append(atol).append(")");
            for (int i = 0; i < Math.min(10, r.mismatches().size()); i++) {
                sb.append("\n  ").append(r.mismatches().get(i));
            }
            throw new AssertionError(sb.toString());
        }
        if (r.checked() == 0) {
            throw new AssertionError("gradcheck '" + what + "': no input requires a gradient, nothing checked");
        }
    }

    /** The outcome: how many elements were compared and which ones failed. */
    public record Result(int checked, List<String> mismatches) {
    }

    public Result run(Function<List<Var>, Var> f, Var... inputs) {
        List<Var> args = List.of(inputs);
        for (Var v : inputs) {
            if (!v.isLeaf()) {
                throw new IllegalArgumentException("gradcheck perturbs leaves only, got " + v);
            }
            v.zeroGrad();
        }
        Var out = f.apply(args);
        Tensor projection = projection(out.value());
        out.backward(projection, null);
        List<Tensor> analytic = new ArrayList<>();
        for (Var v : inputs) {
            analytic.add(v.grad() == null ? Tensor.zerosLike(v.value()) : v.grad().copy());
        }
        int checked = 0;
        List<String> mismatches = new ArrayList<>();
        for (int k = 0; k < inputs.length; k++) {
            Var v = inputs[k];
            if (!v.requiresGrad()) {
                continue;
            }
            float[] d = v.value().data();
            float[] a = analytic.get(k).data();
            for (int i = 0; i < d.length; i++) {
                float orig = d[i];
                float plus = (float) (orig + h);
                float minus = (float) (orig - h);
                d[i] = plus;
                double lp = projected(f, args, projection);
                d[i] = minus;
                double lm = projected(f, args, projection);
                d[i] = orig;
                double numeric = (lp - lm) / ((double) plus - minus);
                double diff = Math.abs(a[i] - numeric);
                checked++;
                if (!(diff <= atol + rtol * Math.max(Math.abs(a[i]), Math.abs(numeric)))) {
                    mismatches.add("input " + k + " (" + v + ") index " + i + " " + index(v.shape(), i)
                            + ": value=" + orig + ", analytic=" + a[i] + ", numeric=" + numeric
                            + ", |diff|=" + diff);
                }
            }
        }
        return new Result(checked, mismatches);
    }

    private Tensor projection(Tensor out) {
        if (out.numel() == 1) {
            return Tensor.full(1f, out.shape());
        }
        Rng rng = new Rng(seed);
        Tensor r = Tensor.zerosLike(out);
        float[] rd = r.data();
        for (int i = 0; i < rd.length; i++) {
            rd[i] = (float) rng.nextGaussian();
        }
        return r;
    }

    private static double projected(Function<List<Var>, Var> f, List<Var> args, Tensor projection) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            float[] o = f.apply(args).value().data();
            float[] r = projection.data();
            double s = 0;
            for (int i = 0; i < o.length; i++) {
                s += (double) o[i] * r[i];
            }
            return s;
        }
    }

    private static String index(int[] shape, int flat) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }
        return Arrays.toString(idx);
    }

    /** A leaf of standard normal values that requires a gradient. */
    public static Var randn(Rng rng, int... shape) {
        return Var.leaf(normal(rng, shape), true);
    }

    /**
     * A leaf whose values are normal but at least {@code margin} away from every point in {@code kinks}
     * (so a central difference never straddles a kink).
     */
    public static Var randnAvoiding(Rng rng, double[] kinks, double margin, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            double x;
            do {
                x = rng.nextGaussian() * 1.5;
            } while (near(x, kinks, margin));
            d[i] = (float) x;
        }
        return Var.leaf(t, true);
    }

    public static Tensor normal(Rng rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return t;
    }

    private static boolean near(double x, double[] kinks, double margin) {
        for (double k : kinks) {
            if (Math.abs(x - k) < margin) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "GradCheck(h=" + h + ", rtol=" + rtol + ", atol=" + atol + ", projection seed " + seed + ")";
    }
}
