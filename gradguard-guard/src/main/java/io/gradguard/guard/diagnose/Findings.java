package io.gradguard.guard.diagnose;

import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.monitor.LayerStats;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;

/**
 * The incidents and recent statistics a diagnosis reads, with typed access to evidence entries (numbers may
 * be any {@link Number}, or strings such as {@code "NaN"} when read back from incidents.jsonl).
 */
final class Findings {
    /** How many steps an evidence line lists before it only counts. */
    private static final int LISTED_STEPS = 5;

    private final List<IncidentRecord> records;
    private final List<StepStats> recent;

    Findings(List<IncidentRecord> records, List<StepStats> recent) {
        this.records = List.copyOf(records);
        this.recent = List.copyOf(recent);
    }

    List<IncidentRecord> records() {
        return records;
    }

    List<Incident> of(IncidentKind kind) {
        List<Incident> out = new ArrayList<>();
        for (IncidentRecord r : records) {
            if (r.incident().kind() == kind) {
                out.add(r.incident());
            }
        }
        return out;
    }

    boolean has(IncidentKind kind) {
        return records.stream().anyMatch(r -> r.incident().kind() == kind);
    }

    /** A number from an incident's evidence, NaN when absent or not a number. */
    static double num(Incident i, String key) {
        Object v = i.evidence().get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A text entry of an incident's evidence, or null. */
    static String text(Incident i, String key) {
        Object v = i.evidence().get(key);
        return v == null ? null : v.toString();
    }

    /** A list entry of an incident's evidence as strings (empty when absent). */
    static List<String> texts(Incident i, String key) {
        Object v = i.evidence().get(key);
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().map(String::valueOf).toList();
    }

    /** Where a non-finite value came from, by the host's anomaly trace ({@code origin} evidence). */
    enum Origin { MODEL, OUTSIDE, UNTRACED }

    static Origin origin(Incident i) {
        String o = text(i, "origin");
        if (o == null) {
            return Origin.UNTRACED;
        }
        return o.contains("not reproduced") ? Origin.OUTSIDE : Origin.MODEL;
    }

    /** Non-finite incidents of one origin. */
    List<Incident> nonFinite(Origin origin) {
        return of(IncidentKind.NON_FINITE).stream().filter(i -> origin(i) == origin).toList();
    }

    /**
     * Non-finite incidents that may come from the model: traced to an op, or untraced when no trace in the run
     * pointed outside the model.
     */
    List<Incident> modelNonFinite() {
        List<Incident> out = new ArrayList<>(nonFinite(Origin.MODEL));
        if (nonFinite(Origin.OUTSIDE).isEmpty()) {
            out.addAll(nonFinite(Origin.UNTRACED));
        }
        return out;
    }

    /** Whether any non-finite value was shown to come from outside the model. */
    boolean outsideFaults() {
        return !nonFinite(Origin.OUTSIDE).isEmpty();
    }

    /**
     * The median over recent costly steps and layers of the update-to-weight ratio
     * {@code log10(||dW|| / ||W||)} (healthy near -3), or NaN without such statistics.
     */
    double medianUpdateRatio() {
        List<Double> v = new ArrayList<>();
        for (StepStats s : recent) {
            for (LayerStats l : s.layers()) {
                if (Double.isFinite(l.updateRatio())) {
                    v.add(l.updateRatio());
                }
            }
        }
        if (v.isEmpty()) {
            return Double.NaN;
        }
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** {@code depth_explosion at step 0}, {@code non_finite at steps 1, 2, 3, 4, 5, ... (24 in all)}. */
    static String line(List<Incident> incidents) {
        if (incidents.isEmpty()) {
            return "";
        }
        String kind = incidents.get(0).kind().id();
        if (incidents.size() == 1) {
            return kind + " at step " + incidents.get(0).step();
        }
        StringBuilder sb = new StringBuilder(kind).append(" at steps ");
        for (int i = 0; i < Math.min(LISTED_STEPS, incidents.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(incidents.get(i).step());
        }
        if (incidents.size() > LISTED_STEPS) {
            sb.append(", ... (").append(incidents.size()).append(" in all)");
        }
        return sb.toString();
    }

    /** Evidence lines for each non-empty group. */
    @SafeVarargs
    static List<String> evidence(List<Incident>... groups) {
        List<String> out = new ArrayList<>();
        for (List<Incident> g : groups) {
            if (!g.isEmpty()) {
                out.add(line(g));
            }
        }
        return out;
    }
}
