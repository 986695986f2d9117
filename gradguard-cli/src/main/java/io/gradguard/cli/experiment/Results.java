package io.gradguard.cli.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every outcome of one experiment's grid, by point and seed, with the helpers the analyses share. */
public final class Results {
    private final boolean quick;
    private final List<Long> seeds;
    private final Map<String, Point> points = new LinkedHashMap<>();
    private final Map<String, Map<Long, Outcome>> outcomes = new LinkedHashMap<>();

    public Results(boolean quick, List<Long> seeds, List<Point> grid, List<Outcome> all) {
        this.quick = quick;
        this.seeds = List.copyOf(seeds);
        for (Point p : grid) {
            points.put(p.id(), p);
            outcomes.put(p.id(), new LinkedHashMap<>());
        }
        for (Outcome o : all) {
            Map<Long, Outcome> m = outcomes.get(o.point());
            if (m == null) {
                throw new IllegalArgumentException("outcome of unknown point '" + o.point() + "'; the grid has "
                        + points.keySet());
            }
            m.put(o.seed(), o);
        }
    }

    public boolean quick() {
        return quick;
    }

    public List<Long> seeds() {
        return seeds;
    }

    public List<Point> points() {
        return List.copyOf(points.values());
    }

    public Point point(String id) {
        Point p = points.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no point '" + id + "'; the grid has " + points.keySet());
        }
        return p;
    }

    public Outcome get(String id, long seed) {
        point(id);
        Outcome o = outcomes.get(id).get(seed);
        if (o == null) {
            throw new IllegalStateException("point '" + id + "' has no outcome for seed " + seed);
        }
        return o;
    }

    /** {@code key} of point {@code id}, one value per seed in seed order. */
    public double[] values(String id, String key) {
        double[] v = new double[seeds.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = get(id, seeds.get(i)).value(key);
        }
        return v;
    }

    public Spread spread(String id, String key) {
        return Spread.of(values(id, key));
    }

    /** The series {@code key} of point {@code id}, one per seed. */
    public List<double[]> series(String id, String key) {
        List<double[]> out = new ArrayList<>();
        for (long s : seeds) {
            out.add(get(id, s).series(key));
        }
        return out;
    }

    /**
     * The element-wise geometric mean over seeds of a positive series (per-layer norms): NaN where a seed
     * has a non-positive or non-finite value; truncated to the shortest seed's length.
     */
    public double[] geometricMeanSeries(String id, String key) {
        return mean(series(id, key), true);
    }

    /** The element-wise mean over seeds, truncated to the shortest seed's length. */
    public double[] meanSeries(String id, String key) {
        return mean(series(id, key), false);
    }

    private static double[] mean(List<double[]> all, boolean geometric) {
        int n = all.stream().mapToInt(a -> a.length).min().orElse(0);
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (double[] a : all) {
                s += geometric ? (a[i] > 0 && Double.isFinite(a[i]) ? Math.log(a[i]) : Double.NaN) : a[i];
            }
            m[i] = geometric ? Math.exp(s / all.size()) : s / all.size();
        }
        return m;
    }
}
