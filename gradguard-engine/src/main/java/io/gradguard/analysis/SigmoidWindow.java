package io.gradguard.analysis;

/**
 * The sigmoid "explosion window": for a weight {@code |w| >= 4}, the inputs {@code x} where one layer's
 * factor {@code |w sigma'(w x + b)|} exceeds 1 (Nielsen, "Neural Networks and Deep Learning", ch. 5,
 * problem on the unstable gradient).
 *
 * <p>Derivation: {@code sigma' = s (1 - s) > 1/|w|} holds for {@code s} strictly between
 * {@code s_- = (1 - r)/2} and {@code s_+ = (1 + r)/2}, {@code r = sqrt(1 - 4/|w|)}. With
 * {@code u = ln(s / (1 - s))} and {@code 1 - s_+ = s_-}, that is {@code u in (-c, c)},
 * {@code c = ln((1 + r) / (1 - r)) = 2 artanh(r)}. Then {@code w x + b in (-c, c)} gives an x-interval of
 * width {@code 2c/|w| = (2/|w|) ln((1 + r)/(1 - r))}, centred on {@code -b/w}; {@code b} shifts the window
 * but never changes its width. Below {@code |w| = 4} the window is empty.
 */
public final class SigmoidWindow {
    private SigmoidWindow() {
    }

    /** An interval {@code (lo, hi)} of inputs. */
    public record Interval(double lo, double hi) {
        public double width() {
            return hi - lo;
        }
    }

    /** The maximum of the window width over {@code |w|}. */
    public record Peak(double absW, double width) {
    }

    /** {@code c = ln((1 + r)/(1 - r))}, {@code r = sqrt(1 - 4/|w|)}; 0 for {@code |w| <= 4}. */
    public static double halfWidthInU(double w) {
        double a = Math.abs(w);
        if (a <= 4) {
            return 0;
        }
        double r = Math.sqrt(1 - 4 / a);
        return Math.log1p(r) - Math.log1p(-r);
    }

    /** The closed-form width {@code 2c/|w|}. */
    public static double width(double w) {
        double a = Math.abs(w);
        return a <= 4 ? 0 : 2 * halfWidthInU(a) / a;
    }

    /** The closed-form window {@code ((-c - b)/w, (c - b)/w)} (ends ordered), or {@code null} if empty. */
    public static Interval interval(double w, double b) {
        double c = halfWidthInU(w);
        if (c == 0) {
            return null;
        }
        double x1 = (-c - b) / w;
        double x2 = (c - b) / w;
        return new Interval(Math.min(x1, x2), Math.max(x1, x2));
    }

    /**
     * The window found numerically, without the closed form: from the peak of {@code sigma'} at
     * {@code x0 = -b/w}, each boundary of {@code |w sigma'(w x + b)| = 1} is bracketed by doubling a step
     * and refined by 200 bisections; {@code null} if the factor never exceeds 1.
     */
    public static Interval numerical(double w, double b) {
        double x0 = -b / w;
        if (factor(w, b, x0) <= 1) {
            return null;
        }
        return new Interval(boundary(w, b, x0, -1), boundary(w, b, x0, 1));
    }

    /** {@code |w sigma'(w x + b)|}. */
    public static double factor(double w, double b, double x) {
        return Math.abs(w) * Phi.derivative(new io.gradguard.autograd.Activation.Sigmoid(), w * x + b);
    }

    /**
     * The {@code |w|} in {@code [4, 100]} of the widest window, by golden-section search on the closed form
     * (the width is unimodal there: 0 at 4, rising, then decaying like {@code 2 ln|w| / |w|}).
     */
    public static Peak peak() {
        double g = (Math.sqrt(5) - 1) / 2;
        double lo = 4;
        double hi = 100;
        double c = hi - g * (hi - lo);
        double d = lo + g * (hi - lo);
        while (hi - lo > 1e-12) {
            if (width(c) > width(d)) {
                hi = d;
            } else {
                lo = c;
            }
            c = hi - g * (hi - lo);
            d = lo + g * (hi - lo);
        }
        double at = 0.5 * (lo + hi);
        return new Peak(at, width(at));
    }

    private static double boundary(double w, double b, double x0, int dir) {
        double inside = x0;
        double step = 1e-3;
        double outside = x0 + dir * step;
        while (factor(w, b, outside) > 1) {
            inside = outside;
            step *= 2;
            outside = x0 + dir * step;
        }
        for (int i = 0; i < 200 && inside != outside; i++) {
            double mid = 0.5 * (inside + outside);
            if (mid == inside || mid == outside) {
                break;
            }
            if (factor(w, b, mid) > 1) {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        return 0.5 * (inside + outside);
    }
}
