package io.gradguard.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incident timeline ({@code incidents.jsonl}: step, kind, layer, message, evidence, action, outcome) and
 * the diagnosis ({@code diagnosis.json}: incident counts and the ranked causes with their recommendations).
 */
final class IncidentSection {
    /** The timeline shows at most this many incidents (the file holds them all). */
    static final int MAX_ROWS = 300;
    /** Lists in the evidence column are cut after this many items. */
    static final int EVIDENCE_ITEMS = 4;

    private IncidentSection() {
    }

    static void render(Html h, RunData d) {
        h.h2("incidents", "Incidents and diagnosis");
        List<Map<String, Object>> incidents = d.incidents();
        if (incidents.isEmpty()) {
            h.note(d.guarded() ? "No incidents: the guard saw nothing wrong."
                    : "No incidents recorded: the run was not guarded.");
        } else {
            h.p(incidents.size() + " incidents: " + countsByKind(incidents) + ".");
            List<List<?>> rows = new ArrayList<>();
            for (Map<String, Object> r : incidents.subList(0, Math.min(MAX_ROWS, incidents.size()))) {
                rows.add(java.util.Arrays.asList(r.get("step"), r.get("kind"), r.get("layer"), r.get("message"),
                        r.containsKey("evidence") ? Fmt.compact(r.get("evidence"), EVIDENCE_ITEMS) : null,
                        r.get("action"), r.get("outcome")));
            }
            h.table(List.of("step", "kind", "layer", "message", "evidence", "action", "outcome"), rows);
            if (incidents.size() > MAX_ROWS) {
                h.note("The first " + MAX_ROWS + " of " + incidents.size() + " incidents are shown; incidents.jsonl "
                        + "holds them all.");
            }
        }
        diagnosis(h, d.diagnosis(), !incidents.isEmpty());
    }

    /** {@code 18 depth_explosion, 2 dead_units}, in order of first appearance; {@code none} when empty. */
    static String countsByKind(List<Map<String, Object>> incidents) {
        Map<String, Integer> byKind = new LinkedHashMap<>();
        for (Map<String, Object> r : incidents) {
            byKind.merge(String.valueOf(r.get("kind")), 1, Integer::sum);
        }
        if (byKind.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        byKind.forEach((k, v) -> parts.add(v + " " + k));
        return String.join(", ", parts);
    }

    private static void diagnosis(Html h, Optional<Map<String, Object>> diagnosis, boolean hadIncidents) {
        h.h3("Diagnosis: likely causes, most likely first");
        if (diagnosis.isEmpty()) {
            h.note(hadIncidents ? "No diagnosis.json: no cause matched the incidents."
                    : "No diagnosis.json: nothing to diagnose.");
            return;
        }
        Object causes = diagnosis.get().get("causes");
        if (!(causes instanceof List<?> list) || list.isEmpty()) {
            h.note("diagnosis.json lists no causes.");
            return;
        }
        int n = 0;
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> c)) {
                continue;
            }
            n++;
            h.raw(new Html.Raw("<h4>" + n + ". " + Html.esc(String.valueOf(c.get("cause"))) + " <span class=\"small\">"
                    + "(confidence " + Html.esc(Fmt.num(Fmt.dbl(c.get("confidence")))) + ")</span></h4>\n"));
            if (c.get("explanation") != null) {
                h.p(String.valueOf(c.get("explanation")));
            }
            List<Object> items = new ArrayList<>();
            if (c.get("recommendations") instanceof List<?> recs) {
                for (Object r : recs) {
                    items.add(new Html.Raw("<b>change:</b> " + Html.esc(String.valueOf(r))));
                }
            }
            if (c.get("evidence") instanceof List<?> ev) {
                for (Object e : ev) {
                    items.add(new Html.Raw("<span class=\"small\">evidence: " + Html.esc(String.valueOf(e)) + "</span>"));
                }
            }
            if (!items.isEmpty()) {
                h.list(items);
            }
        }
    }
}
