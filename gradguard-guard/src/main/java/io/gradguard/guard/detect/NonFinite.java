package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.LayerStats;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports every step whose loss or any gradient holds NaN or Inf; it has no history and no cool-down.
 *
 * <p>Evidence: {@code loss}; {@code non_finite} (NaN and Inf gradient elements); {@code nan}, {@code inf};
 * {@code first_non_finite} (the first parameter in model order with a non-finite gradient) and
 * {@code first_layer}; {@code layers}: one {@code {layer, nan, inf}} object per offending layer, input side
 * first. A host that traces the value to the op that made it adds an {@code origin} entry of its own.
 */
public final class NonFinite implements Detector {

    @Override
    public IncidentKind kind() {
        return IncidentKind.NON_FINITE;
    }

    @Override
    public Optional<Incident> inspect(StepStats stats, StepView view) {
        if (stats.finite()) {
            return Optional.empty();
        }
        long nan = 0;
        long inf = 0;
        String firstLayer = null;
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerStats l : stats.layers()) {
            if (l.finite()) {
                continue;
            }
            nan += l.nanCount();
            inf += l.infCount();
            if (firstLayer == null) {
                firstLayer = l.layer();
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("layer", l.layer());
            entry.put("nan", l.nanCount());
            entry.put("inf", l.infCount());
            layers.add(entry);
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("loss", stats.loss());
        evidence.put("non_finite", stats.nonFinite());
        evidence.put("nan", nan);
        evidence.put("inf", inf);
        if (stats.firstNonFinite() != null) {
            evidence.put("first_non_finite", stats.firstNonFinite());
        }
        if (firstLayer != null) {
            evidence.put("first_layer", firstLayer);
        }
        evidence.put("layers", layers);
        return Optional.of(new Incident(stats.step(), kind(), firstLayer, message(stats, firstLayer, nan, inf,
                layers.size()), evidence));
    }

    private static String message(StepStats stats, String firstLayer, long nan, long inf, int layers) {
        String loss = Double.isFinite(stats.loss()) ? "" : "loss is " + stats.loss();
        if (stats.nonFinite() == 0) {
            return loss + "; every gradient is finite";
        }
        String grads = stats.nonFinite() + " non-finite gradient elements (" + nan + " NaN, " + inf + " Inf) in "
                + layers + (layers == 1 ? " layer" : " layers") + ", first in layer '" + firstLayer + "'"
                + (stats.firstNonFinite() == null ? "" : " (" + stats.firstNonFinite() + ")");
        return loss.isEmpty() ? grads : grads + "; " + loss;
    }
}
