package io.gradguard.dashboard.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the dashboard knows of one run, fed with the rows of {@code metrics.jsonl} and {@code incidents.jsonl}
 * in file order: every series on one {@link StepGrid} (bounded memory however long the run), the layers in
 * model order, the incidents and running counts. Step rows whose step is not after the previous one (the
 * steps a resumed run repeats) are counted as {@code repeated} and not drawn twice. Thread-safe: the follower
 * writes while HTTP handlers read.
 */
public final class RunModel {
    /** Series from {@code "kind": "step"} rows. */
    public static final List<String> STEP_SERIES = List.of("loss", "grad_norm", "lr", "clip_threshold",
            "clip_total_norm", "first_last_ratio");
    /** Series from {@code "kind": "epoch"} rows, at the epoch's last step. */
    public static final List<String> EPOCH_SERIES = List.of("train_loss", "val_loss", "train_accuracy",
            "val_accuracy");

    private final StepGrid grid;
    private final Map<String, Buckets> global = new LinkedHashMap<>();
    private final List<String> layers = new ArrayList<>();
    private final Map<String, Integer> layerIndex = new HashMap<>();
    private final Map<LayerMetric, List<Buckets>> perLayer = new EnumMap<>(LayerMetric.class);
    private final List<Map<String, Object>> incidents = new ArrayList<>();
    private final Map<String, Long> incidentKinds = new LinkedHashMap<>();
    private final Map<String, Long> actions = new LinkedHashMap<>();
    private long stepRows;
    private long epochRows;
    private long repeated;
    private long clipped;
    private boolean anyStep;
    private long lastStep;
    private Object lastLoss;
    private Object lastGradNorm;

    public RunModel() {
        this(new StepGrid());
    }

    RunModel(StepGrid grid) {
        this.grid = grid;
        for (String s : STEP_SERIES) {
            global.put(s, grid.newSeries());
        }
        for (String s : EPOCH_SERIES) {
            global.put(s, grid.newSeries());
        }
        for (LayerMetric m : LayerMetric.values()) {
            perLayer.put(m, new ArrayList<>());
        }
    }

    /** Adds rows of {@code metrics.jsonl}; rows of another kind or without a step are ignored. */
    public synchronized void addMetrics(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            if (!(row.get("step") instanceof Number n)) {
                continue;
            }
            long step = n.longValue();
            if ("step".equals(row.get("kind"))) {
                addStep(step, row);
            } else if ("epoch".equals(row.get("kind"))) {
                int b = grid.bucket(step);
                for (String s : EPOCH_SERIES) {
                    add(global.get(s), b, step, row.get(s));
                }
                epochRows++;
            }
        }
    }

    private void addStep(long step, Map<String, Object> row) {
        if (anyStep && step <= lastStep) {
            repeated++;
            return;
        }
        anyStep = true;
        lastStep = step;
        stepRows++;
        lastLoss = row.get("loss");
        lastGradNorm = row.get("grad_norm");
        if (row.get("action") instanceof String a) {
            actions.merge(a, 1L, Long::sum);
        }
        int b = grid.bucket(step);
        add(global.get("loss"), b, step, row.get("loss"));
        add(global.get("grad_norm"), b, step, row.get("grad_norm"));
        add(global.get("lr"), b, step, row.get("lr"));
        add(global.get("first_last_ratio"), b, step, row.get("first_last_ratio"));
        if (row.get("clip") instanceof Map<?, ?> clip) {
            add(global.get("clip_threshold"), b, step, clip.get("threshold"));
            add(global.get("clip_total_norm"), b, step, clip.get("total_norm"));
            if (Boolean.TRUE.equals(clip.get("clipped"))) {
                clipped++;
            }
        }
        if (row.get("layers") instanceof List<?> ls) {
            for (Object o : ls) {
                if (o instanceof Map<?, ?> layer && layer.get("name") instanceof String name) {
                    int i = layer(name);
                    for (LayerMetric m : LayerMetric.values()) {
                        add(perLayer.get(m).get(i), b, step, layer.get(m.key()));
                    }
                }
            }
        }
    }

    private int layer(String name) {
        Integer i = layerIndex.get(name);
        if (i != null) {
            return i;
        }
        layers.add(name);
        layerIndex.put(name, layers.size() - 1);
        for (LayerMetric m : LayerMetric.values()) {
            perLayer.get(m).add(grid.newSeries());
        }
        return layers.size() - 1;
    }

    private static void add(Buckets b, int bucket, long step, Object v) {
        if (v instanceof Number n) {
            b.add(bucket, step, n.doubleValue());
        }
    }

    /** Adds rows of {@code incidents.jsonl}. */
    public synchronized void addIncidents(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", incidents.size());
            m.putAll(row);
            incidents.add(m);
            incidentKinds.merge(String.valueOf(row.get("kind")), 1L, Long::sum);
        }
    }

    /** Counts and the latest values, for the run list and the live events. */
    public synchronized Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", stepRows);
        m.put("epochs", epochRows);
        m.put("last_step", anyStep ? lastStep : null);
        m.put("last_loss", lastLoss);
        m.put("last_grad_norm", lastGradNorm);
        m.put("layers", layers.size());
        m.put("incidents", incidents.size());
        m.put("incident_kinds", new LinkedHashMap<>(incidentKinds));
        m.put("actions", new LinkedHashMap<>(actions));
        m.put("clipped", clipped);
        m.put("repeated", repeated);
        m.put("steps_per_bucket", grid.width());
        return m;
    }

    /** The run-wide series ({@link #STEP_SERIES}, {@link #EPOCH_SERIES}) as lines of at most {@code maxPoints}. */
    public synchronized Map<String, Object> series(int maxPoints) {
        return GridView.lines(grid, global, maxPoints);
    }

    /** One statistic for every layer, as lines named by layer, plus {@code layers} in model order. */
    public synchronized Map<String, Object> layerSeries(LayerMetric metric, int maxPoints) {
        Map<String, Buckets> named = new LinkedHashMap<>();
        List<Buckets> rows = perLayer.get(metric);
        for (int i = 0; i < layers.size(); i++) {
            named.put(layers.get(i), rows.get(i));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric.key());
        out.put("layers", List.copyOf(layers));
        out.putAll(GridView.lines(grid, named, maxPoints));
        return out;
    }

    /** One statistic as a layers-by-steps grid of at most {@code maxColumns} columns (each its bucket's maximum). */
    public synchronized Map<String, Object> heatmap(LayerMetric metric, int maxColumns) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric.key());
        out.put("layers", List.copyOf(layers));
        out.putAll(GridView.columns(grid, perLayer.get(metric), maxColumns));
        return out;
    }

    /**
     * Incidents {@code offset .. offset+limit-1} in file order, each with its {@code index} and the causes
     * {@code linker} finds for it, plus {@code total}.
     */
    public synchronized Map<String, Object> incidents(int offset, int limit,
                                                     Function<Map<String, Object>, List<String>> linker) {
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < Math.min(incidents.size(), (long) offset + limit); i++) {
            Map<String, Object> m = new LinkedHashMap<>(incidents.get(i));
            m.put("causes", linker.apply(m));
            page.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", incidents.size());
        out.put("offset", offset);
        out.put("incidents", page);
        return out;
    }
}
