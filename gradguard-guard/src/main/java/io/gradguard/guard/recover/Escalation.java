package io.gradguard.guard.recover;

import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies {@link RecoveryRules}, escalating repeated acute incidents (see the rules' Javadoc). */
public final class Escalation {
    private final RecoveryRules rules;
    private final Deque<Long> recent = new ArrayDeque<>();
    private int rollbacks;

    public Escalation(RecoveryRules rules) {
        this.rules = rules;
    }

    /** The action for an incident of {@code kind} at {@code step}. */
    public Recovery decide(IncidentKind kind, long step) {
        Recovery base = rules.forKind(kind);
        if (!kind.acute()) {
            return countRollback(base);
        }
        while (!recent.isEmpty() && recent.peekFirst() <= step - rules.window()) {
            recent.removeFirst();
        }
        if (recent.isEmpty() || recent.peekLast() != step) {
            recent.addLast(step);
        }
        if (recent.size() <= rules.escalateAfter() || base.severity() >= new Recovery.Rollback(0, false, 1).severity()) {
            return countRollback(base);
        }
        recent.clear();
        if (rollbacks >= rules.maxRollbacks()) {
            return new Recovery.Halt();
        }
        // The first escalation rolls back; later ones also halve the learning rate.
        return countRollback(new Recovery.Rollback(0, false, rollbacks == 0 ? 1.0 : 0.5));
    }

    private Recovery countRollback(Recovery r) {
        if (r instanceof Recovery.Rollback) {
            if (rollbacks >= rules.maxRollbacks()) {
                return new Recovery.Halt();
            }
            rollbacks++;
        }
        return r;
    }

    public int rollbacks() {
        return rollbacks;
    }

    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recent", List.copyOf(recent));
        m.put("rollbacks", rollbacks);
        return m;
    }

    public void restore(Map<String, Object> state) {
        recent.clear();
        for (Object o : (List<?>) state.getOrDefault("recent", List.of())) {
            recent.addLast(((Number) o).longValue());
        }
        rollbacks = ((Number) state.getOrDefault("rollbacks", 0)).intValue();
    }
}
