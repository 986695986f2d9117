package io.gradguard.dashboard.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Links an incident to the diagnoses resting on it. {@code diagnosis.json} lists, per cause, its evidence as
 * {@code "<kind> at step 12"} or {@code "<kind> at steps 1, 2, 3, ... (24 in all)"} ({@code
 * DiagnosisReport}); an incident belongs to each cause whose evidence names its kind.
 */
public final class DiagnosisLinks {
    private DiagnosisLinks() {
    }

    /** The {@code cause} ids of {@code diagnosis} (may be null: none recorded) whose evidence names the incident's kind. */
    public static List<String> causes(Map<String, Object> diagnosis, Map<String, Object> incident) {
        List<String> out = new ArrayList<>();
        if (diagnosis == null || !(incident.get("kind") instanceof String kind)
                || !(diagnosis.get("causes") instanceof List<?> causes)) {
            return out;
        }
        String prefix = kind + " at step";
        for (Object c : causes) {
            if (c instanceof Map<?, ?> cause && cause.get("evidence") instanceof List<?> evidence
                    && cause.get("cause") instanceof String id) {
                for (Object e : evidence) {
                    if (e instanceof String s && s.startsWith(prefix)) {
                        out.add(id);
                        break;
                    }
                }
            }
        }
        return out;
    }
}
