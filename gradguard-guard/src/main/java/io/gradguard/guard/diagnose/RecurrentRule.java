package io.gradguard.guard.diagnose;

import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recurrent spectral radius above 1 ({@code recurrent_explosion}): backpropagation through time multiplies the
 * gradient by {@code W_hh^T diag(f'(h))} once per time step, so the component along the leading eigenvector
 * can grow as {@code radius^T}; with {@code |f'| <= 1} a largest singular value below 1 rules explosion out
 * (Pascanu, Mikolov and Bengio 2013, "On the difficulty of training recurrent neural networks"). Confidence
 * {@code 0.55 + 0.35 min(1, ln r / ln 2)}, +0.05 when gradients did explode (norm spikes, loss spikes or
 * non-finite values from the model).
 */
final class RecurrentRule implements Rule {
    @Override
    public Optional<Diagnosis> diagnose(Findings f, ModelFacts facts) {
        List<Incident> rec = f.of(IncidentKind.RECURRENT_EXPLOSION);
        if (rec.isEmpty()) {
            return Optional.empty();
        }
        Incident worst = rec.get(0);
        for (Incident i : rec) {
            if (Findings.num(i, "radius") > Findings.num(worst, "radius")) {
                worst = i;
            }
        }
        double r = Findings.num(worst, "radius");
        String layer = worst.layer() != null ? worst.layer() : Findings.text(worst, "layer");
        String param = Findings.text(worst, "param");
        String kind = kind(facts.layer(layer), (int) Findings.num(worst, "gates"));
        List<Incident> spikes = f.outsideFaults() ? List.of() : f.of(IncidentKind.GRAD_NORM_SPIKE);
        List<Incident> nonFinite = f.modelNonFinite();
        List<Incident> lossSpikes = f.of(IncidentKind.LOSS_SPIKE);
        boolean exploded = !spikes.isEmpty() || !nonFinite.isEmpty() || !lossSpikes.isEmpty();
        double confidence = 0.55 + 0.35 * Math.min(1, Math.max(0, Math.log(r) / Math.log(2))) + (exploded ? 0.05 : 0);
        String gate = Findings.text(worst, "gate");
        String explanation = (param == null ? "the recurrent weight of " + layer : param) + " ("
                + (gate == null || gate.equals("hidden") ? "" : gate + " gate, ")
                + "H=" + Num.of(Findings.num(worst, "hidden"))
                + ") has spectral radius " + Num.of(r) + " (largest singular value "
                + Num.of(Findings.num(worst, "sigma_max")) + ") at step " + worst.step()
                + ": backpropagation through time multiplies the gradient by W_hh^T diag(f'(h)) once per time step, so"
                + " it can grow as " + Num.of(r) + "^T (x" + Num.of(Math.pow(r, 10)) + " after 10 steps, x"
                + Num.of(Math.pow(r, 50)) + " after 50)";
        List<String> recs = new ArrayList<>();
        recs.add("initialise weight_hh of " + layer + " with orthogonal (gain 1): every singular value 1, so radius 1");
        if (!facts.clipping()) {
            recs.add("add guard.clip: {name: global_norm, max_norm: 1.0} (Pascanu et al. 2013)");
        }
        if ("rnn".equals(kind)) {
            recs.add("replace the rnn layer with lstm or gru (gated paths carry the gradient through time)");
        }
        return Optional.of(new Diagnosis(Diagnosis.RECURRENT_SPECTRAL_RADIUS, Math.min(0.95, confidence),
                explanation, recs, Findings.evidence(rec, spikes, lossSpikes, nonFinite)));
    }

    /** The layer's kind from the facts, else from the stacked gates: 1 rnn, 3 gru, 4 lstm. */
    private static String kind(LayerFacts lf, int gates) {
        if (lf != null && lf.recurrent()) {
            return lf.kind();
        }
        return switch (gates) {
            case 1 -> "rnn";
            case 3 -> "gru";
            case 4 -> "lstm";
            default -> null;
        };
    }
}
