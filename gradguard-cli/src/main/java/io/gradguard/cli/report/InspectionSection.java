package io.gradguard.cli.report;

import io.gradguard.cli.inspect.InspectionJson;
import io.gradguard.cli.inspect.InspectionPlot;
import io.gradguard.cli.inspect.LayerRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-flight inspection of {@code inspection.json} (the JSON of {@code gradguard inspect --json}): the
 * overall verdict, the findings, the gain through the depth, the Jacobian's singular values, the per-layer
 * table, recurrent spectral radii and the figure of {@code inspect --plot}.
 */
final class InspectionSection {
    private InspectionSection() {
    }

    static void render(Html h, Optional<Map<String, Object>> inspection) {
        h.h2("inspection", "Pre-flight inspection (inspection.json)");
        if (inspection.isEmpty()) {
            h.note("No inspection.json: the run was trained with --no-inspect, resumed, or written by a version "
                    + "that did not inspect. Run gradguard inspect on its spec.yaml to see it.");
            return;
        }
        Map<String, Object> in = inspection.get();
        String overall = String.valueOf(in.get("overall"));
        h.p("Measured at initialisation on " + in.get("batches") + " training batches of " + in.get("batch_size")
                + ", before the first step. Verdict: ", Html.span(overall, overall));
        if (in.get("findings") instanceof List<?> findings && !findings.isEmpty()) {
            List<List<?>> rows = new ArrayList<>();
            for (Object o : findings) {
                if (o instanceof Map<?, ?> f) {
                    String v = String.valueOf(f.get("verdict"));
                    rows.add(Arrays.asList(f.get("subject"), Html.span(v, v), f.get("detail")));
                }
            }
            h.table(List.of("finding", "verdict", "detail"), rows);
        }
        if (in.get("gain") instanceof Map<?, ?> g) {
            h.table(List.of("gain through the depth", "value"), List.of(
                    Arrays.asList("measured product", num(g.get("product"))),
                    Arrays.asList("weight layers in the product", g.get("layers")),
                    Arrays.asList("per layer (geometric mean)", num(g.get("per_layer"))),
                    Arrays.asList("predicted product (initialisation theory)", num(g.get("theory_product")))));
        }
        if (in.get("jacobian") instanceof Map<?, ?> j && j.get("singular_values") instanceof List<?> sv) {
            h.p("Largest singular values of the input-output Jacobian at one example: " + Fmt.compact(sv, 10) + ".");
        }
        List<LayerRow> rows;
        try {
            rows = InspectionJson.layerRows(in);
        } catch (IllegalArgumentException e) {
            h.note("inspection.json: " + e.getMessage());
            return;
        }
        if (!rows.isEmpty()) {
            h.figure(InspectionPlot.of(String.valueOf(in.get("name")), rows).png(), "inspection by depth",
                    "Left: gradient norms of each weight layer at initialisation; right: the spread of each layer's "
                            + "output. A straight line on the log axis is a constant gain per layer.");
        }
        List<List<?>> table = new ArrayList<>();
        for (LayerRow r : rows) {
            table.add(Arrays.asList(r.name(), r.kind(), na(r.actMean()), na(r.actStd()), na(r.weightGradNorm()),
                    na(r.biasGradNorm()), na(r.outGradNorm()), na(r.gain()), na(r.theoryGain()), pct(r.saturated()),
                    pct(r.dead())));
        }
        h.table(List.of("layer", "kind", "out mean", "out std", "||dL/dW||", "||dL/db||", "||dL/dz||", "gain",
                "theory gain", "saturated", "dead"), table);
        if (in.get("recurrent") instanceof List<?> rec && !rec.isEmpty()) {
            List<List<?>> rr = new ArrayList<>();
            for (Object o : rec) {
                if (o instanceof Map<?, ?> m) {
                    rr.add(Arrays.asList(m.get("module"), m.get("type"), m.get("layer"), m.get("gate"),
                            num(m.get("spectral_radius")), num(m.get("largest_singular_value")), m.get("steps")));
                }
            }
            h.table(List.of("module", "type", "layer", "gate", "spectral radius", "largest singular value", "steps"), rr);
        }
    }

    /** A JSON number (or {@code "inf"}) as a double for the table; null (not applicable) stays null: {@code -}. */
    private static Object num(Object o) {
        return o == null ? null : (Object) Fmt.dbl(o);
    }

    /** NaN (not applicable to this layer) as null, shown as {@code -}. */
    private static Double na(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? null : Fmt.pct(v);
    }
}
