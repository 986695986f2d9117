package io.gradguard.cli.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inspection as one JSON object with sections {@code name, batches, batch_size, layers, gain, jacobian,
 * recurrent, findings, overall}. Values that do not apply (NaN) are {@code null}; an infinite value is the
 * string {@code "inf"}.
 */
public final class InspectionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private InspectionJson() {
    }

    public static String render(Inspection in) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", in.name());
        root.put("batches", in.batches());
        root.put("batch_size", in.batchSize());
        List<Object> layers = new ArrayList<>();
        for (LayerRow r : in.layers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("kind", r.kind());
            m.put("has_params", r.hasParams());
            m.put("out_mean", v(r.actMean()));
            m.put("out_std", v(r.actStd()));
            m.put("weight_grad_norm", v(r.weightGradNorm()));
            m.put("bias_grad_norm", v(r.biasGradNorm()));
            m.put("out_grad_norm", v(r.outGradNorm()));
            m.put("gain", v(r.gain()));
            m.put("theory_gain", v(r.theoryGain()));
            m.put("saturated_fraction", v(r.saturated()));
            m.put("dead_fraction", v(r.dead()));
            layers.add(m);
        }
        root.put("layers", layers);
        Map<String, Object> gain = new LinkedHashMap<>();
        gain.put("product", v(in.gainProduct()));
        gain.put("layers", in.gainCount());
        gain.put("per_layer", v(in.gainPerLayer()));
        gain.put("theory_product", v(in.theoryProduct()));
        root.put("gain", gain);
        List<Object> sv = new ArrayList<>();
        for (double s : in.jacobian()) {
            sv.add(v(s));
        }
        root.put("jacobian", Map.of("singular_values", sv));
        List<Object> rec = new ArrayList<>();
        for (RecurrentRow r : in.recurrent()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("module", r.module());
            m.put("type", r.type());
            m.put("layer", r.layer());
            m.put("gate", r.gate());
            m.put("spectral_radius", v(r.radius()));
            m.put("largest_singular_value", v(r.sigmaMax()));
            m.put("steps", r.steps());
            rec.add(m);
        }
        root.put("recurrent", rec);
        List<Object> findings = new ArrayList<>();
        for (Finding f : in.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", f.subject());
            m.put("verdict", f.verdict().word());
            m.put("detail", f.detail());
            findings.add(m);
        }
        root.put("findings", findings);
        root.put("overall", in.overall().word());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the inspection as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code layers} section of a rendered inspection read back (for reports of a run's
     * {@code inspection.json}): {@code null} becomes NaN, {@code "inf"}/{@code "-inf"} infinities.
     *
     * @throws IllegalArgumentException naming the entry when {@code layers} is missing or an entry has no name
     */
    public static List<LayerRow> layerRows(Map<String, Object> json) {
        if (!(json.get("layers") instanceof List<?> list)) {
            throw new IllegalArgumentException("inspection has no 'layers' list");
        }
        List<LayerRow> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
                throw new IllegalArgumentException("inspection layers[" + i + "] is not an object with a name: "
                        + list.get(i));
            }
            rows.add(new LayerRow(name, String.valueOf(m.get("kind")), Boolean.TRUE.equals(m.get("has_params")),
                    d(m.get("out_mean")), d(m.get("out_std")), d(m.get("weight_grad_norm")),
                    d(m.get("bias_grad_norm")), d(m.get("out_grad_norm")), d(m.get("gain")), d(m.get("theory_gain")),
                    d(m.get("saturated_fraction")), d(m.get("dead_fraction"))));
        }
        return rows;
    }

    private static double d(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if ("inf".equals(o)) {
            return Double.POSITIVE_INFINITY;
        }
        if ("-inf".equals(o)) {
            return Double.NEGATIVE_INFINITY;
        }
        return Double.NaN;
    }

    private static Object v(double d) {
        if (Double.isNaN(d)) {
            return null;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return d;
    }
}
