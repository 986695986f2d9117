package io.gradguard.dashboard.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A per-layer statistic of {@code metrics.jsonl}'s {@code layers} entries (see {@code GuardMetrics}). */
public enum LayerMetric {
    /** L2 norm of the layer's gradient. */
    GRAD_NORM,
    /** Largest |g| in the layer. */
    GRAD_MAX,
    /** L2 norm of the layer's parameters (on the steps with costly statistics). */
    WEIGHT_NORM,
    /** log10(||W_t - W_{t-1}|| / ||W_{t-1}||), healthy near -3. */
    UPDATE_RATIO,
    /** Fraction of output units whose gradient was exactly zero on the batch (dead ReLUs). */
    DEAD;

    /** The key in {@code metrics.jsonl} and in the dashboard's URLs: {@code grad_norm}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The metric named by {@code key}; the message lists the valid keys. */
    public static LayerMetric parse(String key) {
        for (LayerMetric m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("metric must be one of " + keys() + ", got '" + key + "'");
    }

    static String keys() {
        return Arrays.stream(values()).map(LayerMetric::key).collect(Collectors.joining(", "));
    }
}
