package io.gradguard.analysis;

import io.gradguard.autograd.Activation;
import io.gradguard.autograd.ElementwiseOps;
import io.gradguard.autograd.Var;
import io.gradguard.nn.Dense;
import io.gradguard.nn.init.Init;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.Objects;

/**
 * Measures mean-field predictions in the float32 engine: a stack of {@code depth} {@link Dense} layers of
 * {@code width} units, weights {@code N(0, sigma_w^2 / fan_in)} and biases {@code N(0, sigma_b^2)} (via
 * {@link Init.Normal}), each followed by the activation; a random {@code N(0, 1)} batch goes forward and a
 * random {@code N(0, 1)} gradient is back-propagated from the last activation. The norm of
 * {@code dL/da_l} is read at every layer, and a least-squares line through {@code ln ||dL/da_l||} against
 * {@code l} gives the measured factor per layer toward the input, {@code exp(-slope)}, to compare with
 * {@code sqrt(chi_1)} (Schoenholz et al. 2017, section 4).
 */
public final class MeanFieldCheck {
    /** {@code |ln factor|} below this counts as neither growth nor decay. */
    public static final double FLAT = 0.02;

    private MeanFieldCheck() {
    }

    /** The network measured. */
    public record Setup(Activation phi, int depth, int width, int batch, long seed) {
        public Setup {
            Objects.requireNonNull(phi, "phi");
            if (depth < 2) {
                throw new IllegalArgumentException("mean-field check depth must be >= 2, got " + depth);
            }
            if (width < 1) {
                throw new IllegalArgumentException("mean-field check width must be >= 1, got " + width);
            }
            if (batch < 1) {
                throw new IllegalArgumentException("mean-field check batch must be >= 1, got " + batch);
            }
        }
    }

    /**
     * One measured point: the prediction, the gradient norms at layers {@code 1..depth} (index 0 is
     * layer 1) and the fitted factor per layer toward the input.
     */
    public record Measurement(MeanField.Point predicted, double[] gradNorms, double measuredGrowth) {
        /**
         * Whether measurement and prediction agree on growth vs decay; within {@link #FLAT} of 1 in log
         * terms counts as flat (the critical point), which must then hold for both.
         */
        public boolean agrees() {
            return sign(Math.log(measuredGrowth)) == sign(0.5 * Math.log(predicted.chi1()));
        }

        private static int sign(double lnFactor) {
            return Math.abs(lnFactor) < FLAT ? 0 : lnFactor > 0 ? 1 : -1;
        }
    }

    /** Builds, runs and fits the network at {@code (sigma_w^2, sigma_b^2)}. */
    public static Measurement measure(Setup s, MeanField theory, double sigmaW2, double sigmaB2) {
        MeanField.requireVariances(sigmaW2, sigmaB2);
        MeanField.Point p = theory.at(sigmaW2, sigmaB2);
        Rng rng = new Rng(s.seed());
        Rng init = rng.fork("init");
        Rng data = rng.fork("data");
        Var a = Var.constant(gaussian(data, s.batch(), s.width()));
        Var[] acts = new Var[s.depth()];
        for (int l = 0; l < s.depth(); l++) {
            Dense d = new Dense(s.width(), s.width(), true, init);
            new Init.Normal(0, Math.sqrt(sigmaW2 / s.width())).fill(d.weight().value(), init);
            new Init.Normal(0, Math.sqrt(sigmaB2)).fill(d.bias().value(), init);
            a = ElementwiseOps.activate(d.forward(a), s.phi()).retainGrad();
            acts[l] = a;
        }
        a.backward(gaussian(data, s.batch(), s.width()), null);
        double[] norms = new double[s.depth()];
        for (int l = 0; l < s.depth(); l++) {
            norms[l] = norm(acts[l].grad().data());
        }
        return new Measurement(p, norms, Math.exp(-slope(norms)));
    }

    /** Least-squares slope of {@code ln y_l} against {@code l}. */
    static double slope(double[] y) {
        int n = y.length;
        double mx = (n - 1) / 2.0;
        double my = 0;
        for (double v : y) {
            my += Math.log(v);
        }
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - mx) * (Math.log(y[i]) - my);
            sxx += (i - mx) * (i - mx);
        }
        return sxy / sxx;
    }

    private static Tensor gaussian(Rng rng, int rows, int cols) {
        Tensor t = Tensor.zeros(rows, cols);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextGaussian();
        }
        return t;
    }

    private static double norm(float[] g) {
        double s = 0;
        for (float v : g) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}
