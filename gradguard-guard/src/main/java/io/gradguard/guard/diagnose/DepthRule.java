package io.gradguard.guard.diagnose;

import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Depth without normalisation or residuals: at least {@value #MIN_DEPTH} weight layers, no batch/layer norm
 * and no shortcut, and gradients growing or shrinking with depth. The chain rule multiplies one factor per
 * layer, so any per-layer gain g away from 1 becomes {@code g^(L-1)} between the last layer and the first;
 * normalisation resets the scale at every layer and a residual path adds the identity to each factor.
 * Confidence 0.5, rising to 0.6 at 20 layers: it names the amplifier, not the per-layer cause.
 */
final class DepthRule implements Rule {
    static final int MIN_DEPTH = 10;

    @Override
    public Optional<Diagnosis> diagnose(Findings f, ModelFacts facts) {
        int depth = facts.depth();
        List<Incident> explosion = f.of(IncidentKind.DEPTH_EXPLOSION);
        List<Incident> vanishing = f.of(IncidentKind.VANISHING);
        if (depth < MIN_DEPTH || facts.hasNormalization() || facts.hasResidual()
                || explosion.isEmpty() && vanishing.isEmpty()) {
            return Optional.empty();
        }
        Incident first = !explosion.isEmpty() ? explosion.get(0) : vanishing.get(0);
        double g = Findings.num(first, first.kind() == IncidentKind.DEPTH_EXPLOSION ? "growth" : "decay");
        String explanation = depth + " weight layers in a row with no batchnorm, layernorm or residual connection:"
                + " the chain rule multiplies " + (depth - 1) + " per-layer factors";
        if (Double.isFinite(g) && g > 0) {
            explanation += ", so the measured " + Num.of(g) + "x per layer (step " + first.step() + ") becomes "
                    + Num.of(g) + "^" + (depth - 1) + " = " + Num.of(Math.pow(g, depth - 1))
                    + " between the last layer and the first";
        }
        List<String> recs = new ArrayList<>();
        recs.add("add batchnorm after each dense layer (it rescales every layer's output, whatever the weights)");
        recs.add("add residual connections every 2 dense layers (the identity path adds 1 to each factor)");
        double confidence = 0.5 + 0.1 * Math.min(1.0, (depth - MIN_DEPTH) / 10.0);
        return Optional.of(new Diagnosis(Diagnosis.DEPTH_WITHOUT_NORMALIZATION, confidence, explanation, recs,
                Findings.evidence(explosion, vanishing)));
    }
}
