package io.gradguard.guard.clip;

import java.util.ArrayList;
import java.util.List;

/**
 * ZClip's running statistics of the total gradient norm: the warm-up buffer, then the EMA mean and
 * variance. Formulas are in {@link ClipPolicy.ZClip}; this class only keeps and updates the numbers.
 */
final class ZClipStats {
    /** The reference's eps in z = (g - mu) / (sigma + eps). */
    static final double EPS = 1e-6;

    private final ClipPolicy.ZClip config;
    private final List<Double> buffer = new ArrayList<>();
    private boolean initialized;
    private double mean;
    private double var;

    ZClipStats(ClipPolicy.ZClip config) {
        this.config = config;
    }

    boolean initialized() {
        return initialized;
    }

    double mean() {
        return mean;
    }

    double var() {
        return var;
    }

    List<Double> buffer() {
        return List.copyOf(buffer);
    }

    void reset() {
        buffer.clear();
        initialized = false;
        mean = 0;
        var = 0;
    }

    /** Warm-up: record a finite norm; after warmup_steps of them mu and sigma^2 are their mean and population variance. */
    void warmUp(double norm) {
        if (!Double.isFinite(norm)) {
            return;
        }
        buffer.add(norm);
        if (buffer.size() >= config.warmupSteps()) {
            double m = 0;
            for (double x : buffer) {
                m += x;
            }
            m /= buffer.size();
            double v = 0;
            for (double x : buffer) {
                v += (x - m) * (x - m);
            }
            restore(m, v / buffer.size());
        }
    }

    /** The norm g should be clipped to, or NaN when g is not a spike (also when g is NaN). */
    double target(double g) {
        double std = Math.sqrt(var);
        double zt = config.zThreshold();
        if (config.mode() == ClipPolicy.ZClip.Mode.PERCENTILE) {
            double threshold = mean + zt * std;
            return g > threshold ? threshold : Double.NaN;
        }
        double z = (g - mean) / (std + EPS);
        if (!(z > zt)) {
            return Double.NaN;
        }
        if (config.mode() == ClipPolicy.ZClip.Mode.MEAN) {
            return mean;
        }
        double eta = z / zt;
        return mean + (zt * std) / eta;
    }

    /** The norm above which {@link #target} clips: mu + z_thresh (sigma + eps), or mu + z_thresh sigma in percentile mode. */
    double boundary() {
        double std = Math.sqrt(var);
        double zt = config.zThreshold();
        return config.mode() == ClipPolicy.ZClip.Mode.PERCENTILE ? mean + zt * std : mean + zt * (std + EPS);
    }

    /** {@code mu <- alpha mu + (1 - alpha) x; var <- alpha var + (1 - alpha)(x - mu)^2} with the new mu; non-finite x is ignored. */
    void update(double x) {
        if (!Double.isFinite(x)) {
            return;
        }
        double a = config.alpha();
        mean = a * mean + (1 - a) * x;
        double d = x - mean;
        var = a * var + (1 - a) * (d * d);
    }

    void restore(double m, double v) {
        mean = m;
        var = v;
        initialized = true;
        buffer.clear();
    }

    void restoreBuffer(List<Double> norms) {
        reset();
        for (double x : norms) {
            warmUp(x);
        }
    }
}
