package io.gradguard.runs;

import io.gradguard.guard.GuardStep;
import io.gradguard.guard.monitor.LayerStats;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The guard's per-step fields in {@code metrics.jsonl}: {@code verdict}, {@code first_last_ratio},
 * {@code clip} ({@code total_norm}, {@code threshold}, {@code clipped}) and {@code layers}, a list of
 * {@code {name, grad_norm, grad_max, nan, inf, weight_norm, update_ratio, dead}} in model order. Values not
 * computed on a step (weight norms between costly steps) are omitted.
 */
public final class GuardMetrics {
    private GuardMetrics() {
    }

    public static void addTo(Map<String, Object> row, GuardStep g) {
        StepStats s = g.stats();
        row.put("verdict", g.verdict().name().toLowerCase(Locale.ROOT));
        putFinite(row, "first_last_ratio", s.firstLastRatio());
        if (g.clip() != null) {
            Map<String, Object> clip = new LinkedHashMap<>();
            clip.put("total_norm", g.clip().totalNorm());
            putFinite(clip, "threshold", g.clip().threshold());
            clip.put("clipped", g.clip().clipped());
            row.put("clip", clip);
        }
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerStats l : s.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", l.layer());
            m.put("grad_norm", l.gradNorm());
            m.put("grad_max", l.gradMaxAbs());
            if (l.nanCount() > 0) {
                m.put("nan", l.nanCount());
            }
            if (l.infCount() > 0) {
                m.put("inf", l.infCount());
            }
            putFinite(m, "weight_norm", l.weightNorm());
            if (!Double.isNaN(l.updateRatio())) {
                m.put("update_ratio", l.updateRatio());
            }
            putFinite(m, "dead", l.deadFraction());
            layers.add(m);
        }
        row.put("layers", layers);
    }

    private static void putFinite(Map<String, Object> m, String key, double v) {
        if (!Double.isNaN(v)) {
            m.put(key, v);
        }
    }
}
