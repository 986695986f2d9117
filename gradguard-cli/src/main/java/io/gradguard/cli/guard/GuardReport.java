package io.gradguard.cli.guard;

import io.gradguard.guard.GuardSummary;
import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.inject.FaultPlan;
import java.util.Locale;
import java.util.Map;

/** Text forms of the guard's findings for the terminal. */
public final class GuardReport {
    private GuardReport() {
    }

    /** {@code step    120  non_finite        NaN in ... -> skip_step: step skipped}. */
    public static String line(IncidentRecord r) {
        return String.format(Locale.ROOT, "  step %6d  %-19s %s -> %s: %s", r.incident().step(),
                r.incident().kind().id(), r.incident().message(), r.action().id(), r.outcome());
    }

    /** The guard's summary after a run. */
    public static String summary(GuardSummary s, FaultPlan faults) {
        StringBuilder sb = new StringBuilder("  guard: ");
        if (s.incidents() == 0) {
            sb.append("no incidents in ").append(s.steps()).append(" steps");
        } else {
            sb.append(s.incidents()).append(" incident").append(s.incidents() == 1 ? "" : "s").append(" (");
            boolean first = true;
            for (Map.Entry<IncidentKind, Integer> e : s.byKind().entrySet()) {
                sb.append(first ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey().id());
                first = false;
            }
            sb.append("); ").append(s.skipped()).append(" steps not applied");
            if (s.clipped() > 0) {
                sb.append(", ").append(s.clipped()).append(" clipped");
            }
            sb.append("; actions ").append(s.byAction());
        }
        if (!faults.isEmpty()) {
            sb.append(System.lineSeparator()).append("  injected ").append(faults.faults().size()).append(" faults");
        }
        return sb.toString();
    }
}
