package io.gradguard.cli.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one grid point measured for one seed: named numbers ({@code final_train_loss}) and named series
 * ({@code loss} per step, {@code grad_w0} per layer). Written to the point's {@code done.json}; a missing
 * measurement is an error naming the point, the seed and the keys it has.
 *
 * @param seconds wall-clock time of the run (0 for none)
 */
public record Outcome(String point, long seed, double seconds, Map<String, Double> values,
                      Map<String, double[]> series) {
    public Outcome {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Map<String, double[]> s = new LinkedHashMap<>();
        series.forEach((k, v) -> s.put(k, v.clone()));
        series = Collections.unmodifiableMap(s);
    }

    public double value(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("point '" + point + "' seed " + seed + " has no value '" + key
                    + "'; it has " + values.keySet());
        }
        return v;
    }

    /** A copy of the series {@code key}. */
    public double[] series(String key) {
        double[] v = series.get(key);
        if (v == null) {
            throw new IllegalArgumentException("point '" + point + "' seed " + seed + " has no series '" + key
                    + "'; it has " + series.keySet());
        }
        return v.clone();
    }

    /** Collects values and series while a point runs. */
    public static final class Builder {
        private final Map<String, Double> values = new LinkedHashMap<>();
        private final Map<String, double[]> series = new LinkedHashMap<>();

        public Builder put(String key, double v) {
            values.put(key, v);
            return this;
        }

        public Builder series(String key, double[] v) {
            series.put(key, v.clone());
            return this;
        }

        public Outcome build(String point, long seed, double seconds) {
            return new Outcome(point, seed, seconds, values, series);
        }
    }
}
