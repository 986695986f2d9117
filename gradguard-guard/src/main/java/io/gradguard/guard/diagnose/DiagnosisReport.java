package io.gradguard.guard.diagnose;

import io.gradguard.guard.IncidentRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Text and JSON-ready forms of a diagnosis. */
public final class DiagnosisReport {
    /** Explanation lines are wrapped at this width (indent included). */
    static final int WIDTH = 100;

    private DiagnosisReport() {
    }

    /**
     * The diagnoses for the terminal, most likely first:
     * <pre>
     * Likely causes:
     *   1. bad_init_scale (confidence 0.89)
     *      the backpropagated gradient (bias) grows 5.39x per layer ...
     *      -> set model.init: he_normal (predicted gain 1.00 per layer)
     *      evidence: depth_explosion at step 0; non_finite at steps 1, 2, 3, 4, 5, ... (24 in all)
     * </pre>
     */
    public static String render(List<Diagnosis> diagnoses) {
        String nl = System.lineSeparator();
        if (diagnoses.isEmpty()) {
            return "Likely causes: none found in the incidents" + nl;
        }
        StringBuilder sb = new StringBuilder("Likely causes:").append(nl);
        for (int i = 0; i < diagnoses.size(); i++) {
            Diagnosis d = diagnoses.get(i);
            sb.append(String.format(Locale.ROOT, "  %d. %s (confidence %.2f)", i + 1, d.cause(), d.confidence()))
                    .append(nl);
            for (String line : wrap(d.explanation(), WIDTH - 5)) {
                sb.append("     ").append(line).append(nl);
            }
            for (String r : d.recommendations()) {
                sb.append("     -> ").append(r).append(nl);
            }
            if (!d.evidence().isEmpty()) {
                sb.append("     evidence: ").append(String.join("; ", d.evidence())).append(nl);
            }
        }
        return sb.toString();
    }

    /** Each diagnosis as {@link Diagnosis#toMap()}. */
    public static List<Map<String, Object>> toMaps(List<Diagnosis> diagnoses) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Diagnosis d : diagnoses) {
            out.add(d.toMap());
        }
        return out;
    }

    /**
     * A JSON-ready report: {@code incidents} (count by kind, in order of first appearance) and {@code causes}
     * (the diagnoses as maps, most likely first).
     */
    public static Map<String, Object> toMap(List<Diagnosis> diagnoses, List<IncidentRecord> incidents) {
        Map<String, Integer> byKind = new LinkedHashMap<>();
        for (IncidentRecord r : incidents) {
            byKind.merge(r.incident().kind().id(), 1, Integer::sum);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incidents", byKind);
        m.put("causes", toMaps(diagnoses));
        return m;
    }

    /** Greedy word wrap; a word longer than {@code width} gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
