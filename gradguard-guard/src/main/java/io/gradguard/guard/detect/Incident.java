package io.gradguard.guard.detect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A detector's finding, with its evidence as numbers.
 *
 * @param step     global step where it was seen
 * @param kind     what went wrong
 * @param layer    the layer most implicated (the first non-finite one, the worst recurrent weight...), or null
 * @param message  one readable sentence, e.g. "gradient norm 3.2e4 is 41 sigma above its mean 12.5"
 * @param evidence the numbers behind the message, in a stable order (written to incidents.jsonl)
 */
public record Incident(long step, IncidentKind kind, String layer, String message, Map<String, Object> evidence) {
    public Incident {
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}
