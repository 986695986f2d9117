package io.gradguard.cli.guard;

import io.gradguard.guard.GuardListener;
import io.gradguard.guard.GuardStep;
import io.gradguard.guard.IncidentRecord;
import java.io.PrintWriter;

/**
 * Prints incidents as they happen, one line each ({@code step 120  non_finite  ...  -> skip_step: ...}),
 * at most {@code limit} lines and then a count, so a run with thousands of incidents stays readable.
 */
public final class IncidentPrinter implements GuardListener {
    private final PrintWriter out;
    private final int limit;
    private int printed;
    private int suppressed;

    public IncidentPrinter(PrintWriter out) {
        this(out, 20);
    }

    public IncidentPrinter(PrintWriter out, int limit) {
        this.out = out;
        this.limit = limit;
    }

    @Override
    public void onGuardStep(GuardStep step) {
        for (IncidentRecord r : step.incidents()) {
            if (printed < limit) {
                printed++;
                out.println(GuardReport.line(r));
            } else {
                suppressed++;
                if (suppressed == 1) {
                    out.println("  (more incidents: see incidents.jsonl)");
                }
            }
        }
        out.flush();
    }
}
