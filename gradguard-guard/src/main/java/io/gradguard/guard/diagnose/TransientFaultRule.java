package io.gradguard.guard.diagnose;

import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A transient fault outside the model: non-finite values that the host's anomaly trace did not reproduce
 * when it re-ran the step ({@code origin} says "not reproduced"), and none that it did. The model's
 * computation is not to blame: a corrupted batch, hardware, or an injected fault. Confidence 0.9, or 0.7 when
 * the run also shows structural trouble (depth, vanishing, recurrent, divergence, weight growth, dead units).
 */
final class TransientFaultRule implements Rule {
    private static final List<IncidentKind> STRUCTURAL = List.of(IncidentKind.DEPTH_EXPLOSION, IncidentKind.VANISHING,
            IncidentKind.RECURRENT_EXPLOSION, IncidentKind.LOSS_DIVERGENCE, IncidentKind.WEIGHT_GROWTH,
            IncidentKind.DEAD_UNITS);

    @Override
    public Optional<Diagnosis> diagnose(Findings f, ModelFacts facts) {
        List<Incident> outside = f.nonFinite(Findings.Origin.OUTSIDE);
        if (outside.isEmpty() || !f.nonFinite(Findings.Origin.MODEL).isEmpty()) {
            return Optional.empty();
        }
        List<Incident> untraced = f.nonFinite(Findings.Origin.UNTRACED);
        List<Incident> normSpikes = f.of(IncidentKind.GRAD_NORM_SPIKE);
        boolean structural = STRUCTURAL.stream().anyMatch(f::has);
        int applied = 0;
        for (IncidentRecord r : f.records()) {
            if (r.incident().kind() == IncidentKind.NON_FINITE && r.action().severity() < 2) {
                applied++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(outside.size() == 1 ? "the non-finite step " : outside.size() + " non-finite steps (")
                .append(outside.size() == 1 ? outside.get(0).step() + " " : steps(outside) + ") ")
                .append("did not reproduce when re-run with anomaly tracing: the NaN/Inf came from outside the")
                .append(" model's computation (a corrupted batch, hardware, or an injected fault), not from its")
                .append(" weights or hyperparameters");
        sb.append(applied == 0 ? "; the guard kept them out of the weights"
                : "; " + applied + " of the non-finite steps " + (applied == 1 ? "was" : "were")
                        + " applied (recovery proceed)");
        if (!untraced.isEmpty()) {
            sb.append("; ").append(untraced.size()).append(untraced.size() == 1 ? " more non-finite step was"
                    : " more non-finite steps were").append(" not traced");
        }
        if (!normSpikes.isEmpty() && !f.has(IncidentKind.LOSS_SPIKE)) {
            sb.append("; the ").append(normSpikes.size()).append(" gradient-norm spikes without a loss spike are")
                    .append(" likely of the same origin");
        }
        List<String> recs = new ArrayList<>();
        recs.add(applied == 0 ? "no change needed: a transient fault outside the model; the guard skipped it"
                : "set guard.recovery: {non_finite: skip_step} so faulty steps never reach the weights");
        recs.add("if it recurs at the same steps, check those batches of the data");
        List<String> evidence = new ArrayList<>();
        evidence.add(Findings.line(outside) + " (not reproduced)");
        if (!untraced.isEmpty()) {
            evidence.add(Findings.line(untraced) + " (not traced)");
        }
        evidence.addAll(Findings.evidence(normSpikes));
        return Optional.of(new Diagnosis(Diagnosis.TRANSIENT_FAULT, structural ? 0.7 : 0.9, sb.toString(), recs,
                evidence));
    }

    private static String steps(List<Incident> incidents) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(5, incidents.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(incidents.get(i).step());
        }
        return incidents.size() > 5 ? sb + ", ..." : sb.toString();
    }
}
