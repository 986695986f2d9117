package io.gradguard.cli.report;

import io.gradguard.runs.RunReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a run report shows, read once through {@link RunReader}: the files' rows as they are, and the
 * series the figures draw from them. Numbers missing from a row (a value not logged that step) are NaN.
 */
record RunData(Path root, String name, String specYaml, Map<String, Object> manifest,
               List<Map<String, Object>> steps, List<Map<String, Object>> epochs,
               List<Map<String, Object>> incidents, Optional<Map<String, Object>> diagnosis,
               Optional<Map<String, Object>> inspection) {

    static RunData read(Path dir) throws IOException {
        RunReader r = RunReader.open(dir);
        return new RunData(dir, r.name(), r.specYaml(), r.manifest(), r.steps(), r.epochs(), r.incidents(),
                r.diagnosis(), r.inspection());
    }

    /** Whether a guard watched the run: its step rows carry a verdict. */
    boolean guarded() {
        return steps.stream().anyMatch(s -> s.containsKey("verdict"));
    }

    /** {@code key} of every step row, in order. */
    double[] stepValues(String key) {
        return column(steps, key);
    }

    /** {@code key} of every epoch row, in order. */
    double[] epochValues(String key) {
        return column(epochs, key);
    }

    /** The clip threshold of each step row ({@code clip.threshold}), NaN where not logged. */
    double[] clipThresholds() {
        double[] out = new double[steps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = steps.get(i).get("clip") instanceof Map<?, ?> c ? Fmt.dbl(c.get("threshold")) : Double.NaN;
        }
        return out;
    }

    /**
     * The global norm the guard saw on each step row, {@code sqrt(sum of layer grad_norm^2)}: after injected
     * faults, unlike the trainer's {@code grad_norm}; NaN on rows without layers or with a non-finite layer.
     */
    double[] guardNorms() {
        double[] out = new double[steps.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.NaN;
            if (steps.get(i).get("layers") instanceof List<?> l && !l.isEmpty()) {
                double sq = 0;
                for (Object o : l) {
                    double n = o instanceof Map<?, ?> m ? Fmt.dbl(m.get("grad_norm")) : Double.NaN;
                    sq += n * n;
                }
                out[i] = Math.sqrt(sq);
            }
        }
        return out;
    }

    /** How many step rows say the clipper changed the gradient. */
    long clippedSteps() {
        return steps.stream().filter(s -> s.get("clip") instanceof Map<?, ?> c && Boolean.TRUE.equals(c.get("clipped")))
                .count();
    }

    /**
     * The per-layer statistic {@code key} of the guard's {@code layers} lists: rows are layers in model order
     * (input side first), columns the step rows that carry layers.
     */
    LayerMatrix layers(String key) {
        Set<String> names = new LinkedHashSet<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> s : steps) {
            if (s.get("layers") instanceof List<?> l) {
                rows.add(s);
                for (Object o : l) {
                    if (o instanceof Map<?, ?> m && m.get("name") != null) {
                        names.add(String.valueOf(m.get("name")));
                    }
                }
            }
        }
        List<String> order = List.copyOf(names);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i), i);
        }
        long[] at = new long[rows.size()];
        double[][] v = new double[order.size()][rows.size()];
        for (double[] row : v) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (int c = 0; c < rows.size(); c++) {
            at[c] = (long) Fmt.dbl(rows.get(c).get("step"));
            for (Object o : (List<?>) rows.get(c).get("layers")) {
                if (o instanceof Map<?, ?> m && m.get("name") != null) {
                    v[index.get(String.valueOf(m.get("name")))][c] = Fmt.dbl(m.get(key));
                }
            }
        }
        return new LayerMatrix(key, order, at, v);
    }

    /**
     * One per-layer statistic over steps.
     *
     * @param values {@code values[layer][column]}, NaN where not logged
     */
    record LayerMatrix(String key, List<String> layers, long[] steps, double[][] values) {
        boolean isEmpty() {
            return layers.isEmpty() || steps.length == 0;
        }

        /** The columns with at least one finite value (costly statistics are logged every few steps). */
        LayerMatrix loggedColumns() {
            List<Integer> keep = new ArrayList<>();
            for (int c = 0; c < steps.length; c++) {
                for (double[] row : values) {
                    if (Double.isFinite(row[c])) {
                        keep.add(c);
                        break;
                    }
                }
            }
            long[] s = new long[keep.size()];
            double[][] v = new double[values.length][keep.size()];
            for (int k = 0; k < keep.size(); k++) {
                s[k] = steps[keep.get(k)];
                for (int r = 0; r < values.length; r++) {
                    v[r][k] = values[r][keep.get(k)];
                }
            }
            return new LayerMatrix(key, layers, s, v);
        }
    }

    private static double[] column(List<Map<String, Object>> rows, String key) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Fmt.dbl(rows.get(i).get(key));
        }
        return out;
    }
}
