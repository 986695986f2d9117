package io.gradguard.analysis;

import io.gradguard.autograd.Activation;
import java.util.List;
import java.util.Locale;

/**
 * The engine's activations evaluated in double precision, so closed forms can be compared with the float32
 * engine without inheriting its rounding. Formulas are those of {@link Activation} ({@code torch.nn}).
 */
public final class Phi {
    /** Every activation of the engine except identity, with PyTorch's default hyperparameters. */
    public static final List<Activation> ALL = List.of(new Activation.Sigmoid(), new Activation.Tanh(),
            new Activation.ReLU(), new Activation.LeakyReLU(), new Activation.ELU(), new Activation.GELU(),
            new Activation.SELU(), new Activation.Softplus());

    private Phi() {
    }

    /** The activation called {@code name} ({@code sigmoid}, {@code leaky_relu}, ...; case-insensitive). */
    public static Activation byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (n.equals("identity")) {
            return new Activation.Identity();
        }
        for (Activation a : ALL) {
            if (a.name().equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "', expected one of " + names());
    }

    /** The names accepted by {@link #byName}. */
    public static List<String> names() {
        return ALL.stream().map(Activation::name).toList();
    }

    /** {@code f(x)} in double. */
    public static double apply(Activation f, double x) {
        if (f instanceof Activation.Sigmoid) {
            return sigmoid(x);
        } else if (f instanceof Activation.Tanh) {
            return Math.tanh(x);
        } else if (f instanceof Activation.ReLU) {
            return x > 0 ? x : 0;
        } else if (f instanceof Activation.LeakyReLU l) {
            return x > 0 ? x : l.negativeSlope() * x;
        } else if (f instanceof Activation.ELU e) {
            return x > 0 ? x : e.alpha() * Math.expm1(x);
        } else if (f instanceof Activation.GELU) {
            return x * Normal.cdf(x);
        } else if (f instanceof Activation.SELU) {
            return Activation.SELU.SCALE * (x > 0 ? x : Activation.SELU.ALPHA * Math.expm1(x));
        } else if (f instanceof Activation.Softplus s) {
            double bx = s.beta() * x;
            return bx > s.threshold() ? x : (Math.max(bx, 0) + Math.log1p(Math.exp(-Math.abs(bx)))) / s.beta();
        }
        return x; // Identity
    }

    /** {@code f'(x)} in double (ReLU-like kinks take PyTorch's value at 0: the left derivative). */
    public static double derivative(Activation f, double x) {
        if (f instanceof Activation.Sigmoid) {
            double s = sigmoid(x);
            return s * (1 - s);
        } else if (f instanceof Activation.Tanh) {
            double c = Math.cosh(x);
            return Double.isInfinite(c * c) ? 0 : 1 / (c * c);
        } else if (f instanceof Activation.ReLU) {
            return x > 0 ? 1 : 0;
        } else if (f instanceof Activation.LeakyReLU l) {
            return x > 0 ? 1 : l.negativeSlope();
        } else if (f instanceof Activation.ELU e) {
            return x > 0 ? 1 : e.alpha() * Math.exp(x);
        } else if (f instanceof Activation.GELU) {
            return Normal.cdf(x) + x * Normal.pdf(x);
        } else if (f instanceof Activation.SELU) {
            return Activation.SELU.SCALE * (x > 0 ? 1 : Activation.SELU.ALPHA * Math.exp(x));
        } else if (f instanceof Activation.Softplus s) {
            double bx = s.beta() * x;
            return bx > s.threshold() ? 1 : sigmoid(bx);
        }
        return 1; // Identity
    }

    /** {@code 1 / (1 + e^-x)}, stable on both tails. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
