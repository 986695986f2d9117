package io.gradguard.guard.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exponential moving mean and variance of a scalar, initialised from a warm-up, as in ZClip (Kumar et al.
 * 2025, Algorithm 1): the first {@code warmup} values are collected and give the initial mean and
 * (population) variance; after that each value updates
 * <pre>
 *   mu_t      = alpha * mu_{t-1} + (1 - alpha) * x_t
 *   sigma^2_t = alpha * sigma^2_{t-1} + (1 - alpha) * (x_t - mu_t)^2
 * </pre>
 */
final class EmaStats {
    private final double alpha;
    private final int warmup;
    private final List<Double> buffer = new ArrayList<>();
    private boolean ready;
    private double mean;
    private double var;

    EmaStats(double alpha, int warmup) {
        this.alpha = alpha;
        this.warmup = warmup;
    }

    boolean ready() {
        return ready;
    }

    double mean() {
        return mean;
    }

    double std() {
        return Math.sqrt(var);
    }

    void add(double x) {
        if (!ready) {
            buffer.add(x);
            if (buffer.size() >= warmup) {
                double s = 0;
                for (double v : buffer) {
                    s += v;
                }
                mean = s / buffer.size();
                double ss = 0;
                for (double v : buffer) {
                    ss += (v - mean) * (v - mean);
                }
                var = ss / buffer.size();
                buffer.clear();
                ready = true;
            }
            return;
        }
        mean = alpha * mean + (1 - alpha) * x;
        var = alpha * var + (1 - alpha) * (x - mean) * (x - mean);
    }

    void save(Map<String, Object> state) {
        if (ready) {
            state.put("mean", mean);
            state.put("var", var);
        } else {
            state.put("warmup_values", List.copyOf(buffer));
        }
    }

    void load(Map<String, Object> state, String detector) {
        buffer.clear();
        Double m = State.optNumber(state, detector, "mean");
        ready = m != null;
        if (ready) {
            mean = m;
            var = State.number(state, detector, "var");
        } else {
            mean = 0;
            var = 0;
            buffer.addAll(State.numbers(state, detector, "warmup_values"));
        }
    }
}
