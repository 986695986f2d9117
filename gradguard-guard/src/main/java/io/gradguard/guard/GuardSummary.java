package io.gradguard.guard;

import io.gradguard.guard.detect.IncidentKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the guard did over a run.
 *
 * @param steps       steps seen
 * @param byKind      incidents per kind
 * @param byAction    steps per action taken ({@code proceed}, {@code skip_step}, {@code rollback}, ...)
 * @param clipped     steps whose gradients were clipped
 * @param skipped     steps not applied
 * @param firstStep   step of the first incident, or -1
 * @param lastStep    step of the last incident, or -1
 */
public record GuardSummary(long steps, Map<IncidentKind, Integer> byKind, Map<String, Integer> byAction,
                           long clipped, long skipped, long firstStep, long lastStep) {
    public int incidents() {
        return byKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    static final class Builder {
        private long steps;
        private final Map<IncidentKind, Integer> byKind = new EnumMap<>(IncidentKind.class);
        private final Map<String, Integer> byAction = new LinkedHashMap<>();
        private long clipped;
        private long skipped;
        private long first = -1;
        private long last = -1;

        void add(GuardStep s) {
            steps++;
            if (s.clip() != null && s.clip().clipped()) {
                clipped++;
            }
            if (s.verdict() != Verdict.PROCEED) {
                skipped++;
            }
            if (!s.incidents().isEmpty()) {
                long step = s.stats().step();
                first = first < 0 ? step : first;
                last = step;
                byAction.merge(s.incidents().get(0).action().id(), 1, Integer::sum);
            }
            for (IncidentRecord r : s.incidents()) {
                byKind.merge(r.incident().kind(), 1, Integer::sum);
            }
        }

        GuardSummary build() {
            return new GuardSummary(steps, Collections.unmodifiableMap(new EnumMap<>(byKind)), Map.copyOf(byAction), clipped, skipped, first, last);
        }
    }
}
