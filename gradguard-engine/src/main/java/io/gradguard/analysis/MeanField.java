package io.gradguard.analysis;

import io.gradguard.autograd.Activation;
import java.util.Objects;

/**
 * Mean-field signal propagation in a deep fully connected network with i.i.d. weights
 * {@code N(0, sigma_w^2 / fan_in)} and biases {@code N(0, sigma_b^2)} (Poole et al. 2016; Schoenholz et al.
 * 2017, "Deep Information Propagation", eqs. 3 and 5):
 * <ul>
 * <li>length map {@code q^l = sigma_w^2 E_z[phi(sqrt(q^(l-1)) z)^2] + sigma_b^2}, iterated to its fixed point
 * {@code q*};</li>
 * <li>{@code chi_1 = sigma_w^2 E_z[phi'(sqrt(q*) z)^2]}: each layer multiplies the expected squared
 * back-propagated gradient norm by {@code chi_1}, so the norm changes by {@code sqrt(chi_1)} per layer;
 * {@code chi_1 < 1} is the ordered phase (vanishing), {@code chi_1 > 1} the chaotic one (exploding),
 * {@code chi_1 = 1} the edge of chaos.</li>
 * </ul>
 * Expectations use {@link CompositeGauss} by default: 80-point Gauss-Hermite ({@link GaussHermite}) is exact
 * for smooth integrands at small {@code q} but loses 1e-5 to 1e-1 for tanh at {@code q >= 2} and about 1e-2
 * at the kinks of ELU-like activations, which moves the critical line.
 */
public final class MeanField {
    /** Fixed-point iteration stops when a step changes {@code q} by at most {@code TOL} relative. */
    static final double TOL = 1e-13;
    static final int MAX_ITER = 20_000;
    /** A length past which the fixed-point iteration counts as divergent (activations of std 1e4). */
    static final double DIVERGED = 1e8;
    /**
     * Consecutive pairs of steps that do not shrink after which the iteration counts as divergent: a
     * convergent iteration's steps shrink, while just above a critical line (ReLU at {@code sigma_w^2 =
     * 2 + 1e-9}) {@code q} grows by a factor {@code 1 + 1e-9} per layer and would need 1e10 steps to pass
     * {@link #DIVERGED}.
     */
    static final int GROWING_STEPS = 30;

    private final Activation phi;
    private final GaussianExpectation gh;

    public MeanField(Activation phi) {
        this(phi, new CompositeGauss());
    }

    public MeanField(Activation phi, GaussianExpectation quadrature) {
        this.phi = Objects.requireNonNull(phi, "phi");
        this.gh = Objects.requireNonNull(quadrature, "quadrature");
    }

    /** The phase of a point {@code (sigma_w^2, sigma_b^2)}. */
    public enum Phase {
        ORDERED, CRITICAL, CHAOTIC;

        /** {@code chi_1} within {@code tol} of 1 is critical. */
        public static Phase of(double chi1, double tol) {
            return Math.abs(chi1 - 1) <= tol ? CRITICAL : chi1 < 1 ? ORDERED : CHAOTIC;
        }
    }

    /** One point of the phase diagram. */
    public record Point(double sigmaW2, double sigmaB2, double qStar, double chi1) {
        /** {@code sqrt(chi_1)}: the predicted factor on the gradient norm per layer toward the input. */
        public double growthPerLayer() {
            return Math.sqrt(chi1);
        }
    }

    /** One step of the length map. */
    public double lengthMap(double q, double sigmaW2, double sigmaB2) {
        return sigmaW2 * gh.expect(u -> {
            double a = Phi.apply(phi, u);
            return a * a;
        }, Math.sqrt(q)) + sigmaB2;
    }

    /**
     * The fixed point {@code q*} reached by iterating the length map from {@code q^0 = 1}, accelerated by
     * Steffensen's method (Aitken's delta-squared on each pair of steps, kept only when it lands beyond the
     * second step, so the iteration still picks the attractor reached from {@code q^0 = 1}); this turns the
     * slow approach near the critical line into a fast one. Returns {@code +Infinity} when the iteration
     * grows past {@code 1e8} or its steps stop shrinking (unbounded activations above their critical line: the forward signal itself
     * explodes), and 0 when it extrapolates to {@code q <= 0} with {@code sigma_b^2 = 0} and
     * {@code phi(0) = 0} (0 is then a fixed point).
     */
    public double fixedPoint(double sigmaW2, double sigmaB2) {
        requireVariances(sigmaW2, sigmaB2);
        boolean zeroIsFixed = sigmaB2 == 0 && Phi.apply(phi, 0) == 0;
        double q = 1;
        int growing = 0;
        for (int i = 0; i < MAX_ITER; i++) {
            double q1 = lengthMap(q, sigmaW2, sigmaB2);
            if (!(q1 <= DIVERGED)) {
                return Double.POSITIVE_INFINITY;
            }
            if (Math.abs(q1 - q) <= TOL * Math.max(q1, Double.MIN_NORMAL)) {
                return q1;
            }
            double q2 = lengthMap(q1, sigmaW2, sigmaB2);
            if (!(q2 <= DIVERGED)) {
                return Double.POSITIVE_INFINITY;
            }
            growing = (q2 - q1) * (q1 - q) > 0 && Math.abs(q2 - q1) >= Math.abs(q1 - q) ? growing + 1 : 0;
            if (growing >= GROWING_STEPS) {
                return Double.POSITIVE_INFINITY;
            }
            double next = q2;
            double denom = q2 - 2 * q1 + q;
            if (denom != 0) {
                double acc = q - (q1 - q) * (q1 - q) / denom;
                if (Double.isFinite(acc) && (acc - q2) * (q2 - q1) >= 0) {
                    next = acc > 0 ? acc : zeroIsFixed ? 0 : q2;
                }
            }
            q = next;
        }
        return q;
    }

    /** {@code chi_1 = sigma_w^2 E[phi'(sqrt(q) z)^2]} at a given {@code q}. */
    public double chi1(double q, double sigmaW2) {
        return sigmaW2 * gh.expect(u -> {
            double d = Phi.derivative(phi, u);
            return d * d;
        }, Math.sqrt(q));
    }

    /**
     * {@code q*} and {@code chi_1(q*)} at {@code (sigma_w^2, sigma_b^2)}; when {@code q*} is infinite,
     * {@code chi_1} is its large-{@code q} limit, evaluated at {@code q = 1e8}; when {@code q* = 0}, its
     * small-{@code q} limit (ReLU keeps {@code sigma_w^2 / 2} there, though PyTorch's {@code relu'(0) = 0}).
     */
    public Point at(double sigmaW2, double sigmaB2) {
        double q = fixedPoint(sigmaW2, sigmaB2);
        return new Point(sigmaW2, sigmaB2, q, chi1(Math.min(Math.max(q, Double.MIN_NORMAL), DIVERGED), sigmaW2));
    }

    /**
     * The critical {@code sigma_w^2} in {@code [lo, hi]} where {@code chi_1 = 1}, by bisection to
     * {@code 1e-10} (assumes {@code chi_1} grows with {@code sigma_w^2}, as for every activation here).
     *
     * @throws IllegalArgumentException if {@code chi_1 - 1} has the same sign at both ends
     */
    public double criticalSigmaW2(double sigmaB2, double lo, double hi) {
        double flo = at(lo, sigmaB2).chi1() - 1;
        double fhi = at(hi, sigmaB2).chi1() - 1;
        if (flo * fhi > 0) {
            throw new IllegalArgumentException("no critical sigma_w^2 for " + phi.name() + " at sigma_b^2="
                    + sigmaB2 + " in [" + lo + ", " + hi + "]: chi_1 - 1 is " + flo + " and " + fhi);
        }
        while (hi - lo > 1e-10) {
            double mid = 0.5 * (lo + hi);
            double f = at(mid, sigmaB2).chi1() - 1;
            if ((f < 0) == (flo < 0)) {
                lo = mid;
                flo = f;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    public Activation activation() {
        return phi;
    }

    static void requireVariances(double sigmaW2, double sigmaB2) {
        if (!(sigmaW2 > 0) || !Double.isFinite(sigmaW2)) {
            throw new IllegalArgumentException("sigma_w^2 must be > 0 and finite, got " + sigmaW2);
        }
        if (!(sigmaB2 >= 0) || !Double.isFinite(sigmaB2)) {
            throw new IllegalArgumentException("sigma_b^2 must be >= 0 and finite, got " + sigmaB2);
        }
    }
}
