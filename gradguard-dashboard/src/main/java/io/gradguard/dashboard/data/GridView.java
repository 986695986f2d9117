package io.gradguard.dashboard.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Series of a {@link StepGrid} as the browser draws them, merged further if the caller wants fewer points.
 * Lines get two points per bucket, its smallest and largest value in the order they happened (the M4 idea:
 * the drawn line passes through every extreme, so a spike at one step of 100,000 stays visible); a heatmap
 * gets one column per bucket holding its largest value. Buckets without a finite value are {@code null}
 * (a gap); those that saw NaN or infinity are listed separately.
 */
final class GridView {
    private GridView() {
    }

    /**
     * Line data: {@code width} (steps per bucket), {@code points}, {@code x} (steps), {@code y} (per series, the
     * same length as x) and {@code nonfinite} (per series, the first step of each bucket that saw a NaN or
     * infinity).
     */
    static Map<String, Object> lines(StepGrid grid, Map<String, Buckets> series, int maxPoints) {
        int used = grid.used();
        int f = 1;
        while (used > 1 && pointsAt(grid, f) > maxPoints) {
            f *= 2;
        }
        int n = ceilDiv(used, f);
        long width = grid.width() * f;
        Map<String, Buckets> merged = merge(series, f, used, n);
        List<Long> x = new ArrayList<>();
        Map<String, List<Double>> y = new LinkedHashMap<>();
        Map<String, List<Long>> nonFinite = new LinkedHashMap<>();
        merged.keySet().forEach(k -> y.put(k, new ArrayList<>()));
        for (int j = 0; j < n; j++) {
            if (!occupied(merged, j)) {
                continue;
            }
            long start = grid.start(0) + j * width;
            x.add(start);
            if (width > 1) {
                x.add(start + width / 2);
            }
            for (Map.Entry<String, Buckets> e : merged.entrySet()) {
                Buckets b = e.getValue();
                List<Double> ys = y.get(e.getKey());
                if (b.count(j) == 0) {
                    ys.add(null);
                    if (width > 1) {
                        ys.add(null);
                    }
                } else {
                    double[] ex = b.extremesInOrder(j);
                    ys.add(ex[0]);
                    if (width > 1) {
                        ys.add(ex[ex.length - 1]);
                    }
                }
                if (b.nonFinite(j) > 0) {
                    nonFinite.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(start);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("width", width);
        out.put("points", x.size());
        out.put("x", x);
        out.put("y", y);
        out.put("nonfinite", nonFinite);
        return out;
    }

    /**
     * Heatmap data: {@code width}, {@code x} (first step of each column), {@code values} (per row, the
     * column's largest finite value or null) and {@code nonfinite} ({@code [row, column]} cells that saw a NaN
     * or infinity).
     */
    static Map<String, Object> columns(StepGrid grid, List<Buckets> rows, int maxColumns) {
        int used = grid.used();
        int f = 1;
        while (ceilDiv(used, f) > maxColumns) {
            f *= 2;
        }
        int n = ceilDiv(used, f);
        long width = grid.width() * f;
        Map<String, Buckets> merged = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            merged.put(Integer.toString(r), f == 1 ? rows.get(r) : rows.get(r).merged(f, used, Math.max(n, 1)));
        }
        List<Long> x = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        List<int[]> nonFinite = new ArrayList<>();
        rows.forEach(r -> values.add(new ArrayList<>()));
        List<Buckets> m = new ArrayList<>(merged.values());
        for (int j = 0; j < n; j++) {
            if (!occupied(merged, j)) {
                continue;
            }
            int col = x.size();
            x.add(grid.start(0) + j * width);
            for (int r = 0; r < m.size(); r++) {
                Buckets b = m.get(r);
                values.get(r).add(b.count(j) == 0 ? null : b.max(j));
                if (b.nonFinite(j) > 0) {
                    nonFinite.add(new int[] {r, col});
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("width", width);
        out.put("x", x);
        out.put("values", values);
        out.put("nonfinite", nonFinite);
        return out;
    }

    private static long pointsAt(StepGrid grid, int f) {
        return (long) ceilDiv(grid.used(), f) * (grid.width() * f == 1 ? 1 : 2);
    }

    private static Map<String, Buckets> merge(Map<String, Buckets> series, int f, int used, int n) {
        Map<String, Buckets> merged = new LinkedHashMap<>();
        for (Map.Entry<String, Buckets> e : series.entrySet()) {
            merged.put(e.getKey(), f == 1 ? e.getValue() : e.getValue().merged(f, used, Math.max(n, 1)));
        }
        return merged;
    }

    private static boolean occupied(Map<String, Buckets> series, int j) {
        for (Buckets b : series.values()) {
            if (j < b.capacity() && b.occupied(j)) {
                return true;
            }
        }
        return false;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
