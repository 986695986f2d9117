package io.gradguard.guard.diagnose;

import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dead ReLUs ({@code dead_units}): a ReLU unit whose pre-activation is negative for every input has
 * {@code sigma'(z) = 0}, so the chain-rule product through it is 0 and its weights never change again (the
 * seeds: "as long as one z_j in the chain rule is less than 0, the gradient of this neuron is 0"). Confidence
 * {@code 0.5 + 0.4 * dead fraction} when the layer is followed by a ReLU, {@code 0.45 + 0.3 * fraction} when
 * the activation is unknown, 0.3 for another activation; +0.05 when the lr is far above PyTorch's default.
 */
final class DeadReluRule implements Rule {
    @Override
    public Optional<Diagnosis> diagnose(Findings f, ModelFacts facts) {
        List<Incident> dead = f.of(IncidentKind.DEAD_UNITS);
        if (dead.isEmpty()) {
            return Optional.empty();
        }
        Incident worst = dead.get(0);
        Set<String> layers = new LinkedHashSet<>();
        for (Incident i : dead) {
            if (Findings.num(i, "fraction") > Findings.num(worst, "fraction")) {
                worst = i;
            }
            layers.addAll(Findings.texts(i, "layers"));
        }
        double fraction = Findings.num(worst, "fraction");
        String layer = worst.layer() != null ? worst.layer() : Findings.text(worst, "layer");
        LayerFacts lf = layer == null ? null : facts.layer(layer);
        String act = lf == null ? null : lf.activation();
        double confidence = lf == null ? 0.45 + 0.3 * fraction : "relu".equals(act) ? 0.5 + 0.4 * fraction : 0.3;
        String high = LrFacts.highText(facts);
        confidence += high.isEmpty() ? 0 : 0.05;
        String explanation = Num.of(100 * fraction) + "% of the units of " + layer
                + (act == null ? "" : " (" + act + ")") + " had an all-zero gradient for "
                + Num.of(Findings.num(worst, "steps")) + " steps (step " + worst.step() + ")"
                + (layers.size() > 1 ? "; layers over the limit: " + String.join(", ", layers) : "")
                + ": a ReLU whose pre-activation is negative for every input has sigma'(z) = 0, passes no gradient"
                + " and cannot recover" + (high.isEmpty() ? "" : "; " + high + ", and large steps push units there");
        List<String> recs = new ArrayList<>();
        recs.add("replace relu with leaky_relu: {negative_slope: 0.01} (sigma'(z) = 0.01 instead of 0 for z < 0)");
        String lower = LrFacts.lower(facts);
        if (lower != null) {
            recs.add(lower);
        }
        if (lf == null || lf.init() == null || !lf.init().startsWith("kaiming")) {
            recs.add("set model.init: he_normal");
        }
        return Optional.of(new Diagnosis(Diagnosis.RELU_DEAD, Math.min(0.95, confidence), explanation, recs,
                Findings.evidence(dead)));
    }
}
