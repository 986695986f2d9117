package io.gradguard.guard.diagnose;

import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sigmoid saturation: at least two weight layers feed a sigmoid and gradients vanish toward the input. The
 * seeds' bound: {@code sigma'(z) = sigma(z)(1 - sigma(z)) <= 1/4}, so the chain-rule product through L sigmoid
 * layers is at most {@code 0.25^L prod |w_j|}, where {@code |w_j|} is taken as the layer's weight gain
 * {@code std sqrt(fan_in)} at initialisation. Confidence {@code 0.55 + 0.3 * (sigmoid share of the activated
 * weight layers)}, plus 0.05 when the measured decay per layer is at most 0.5.
 */
final class SigmoidRule implements Rule {
    @Override
    public Optional<Diagnosis> diagnose(Findings f, ModelFacts facts) {
        List<LayerFacts> sig = facts.weightLayers().stream().filter(l -> "sigmoid".equals(l.activation())).toList();
        List<Incident> vanishing = f.of(IncidentKind.VANISHING);
        if (sig.size() < 2 || vanishing.isEmpty()) {
            return Optional.empty();
        }
        long activated = facts.weightLayers().stream().filter(l -> l.activation() != null).count();
        Incident first = vanishing.get(0);
        double decay = Findings.num(first, "decay");
        double ratio = Findings.num(first, "ratio");
        double confidence = 0.55 + 0.3 * sig.size() / activated + (decay <= 0.5 ? 0.05 : 0);
        int n = sig.size();
        String explanation = n + " weight layers (" + sig.get(0).name() + "-" + sig.get(n - 1).name()
                + ") feed a sigmoid, whose derivative sigma'(z) = sigma(z)(1 - sigma(z)) is at most 0.25: by the chain"
                + " rule the gradient reaching " + sig.get(0).name() + " is scaled by at most 0.25^" + n
                + " * prod|w_j| = " + bound(sig) + "; measured: "
                + (Double.isFinite(decay) ? Num.of(decay) + "x per layer, " : "")
                + "first/last " + Num.of(ratio) + " at step " + first.step();
        List<String> recs = new ArrayList<>();
        recs.add("replace sigmoid with relu and set model.init: he_normal (predicted gain 1.00 per layer)");
        if (!facts.hasNormalization()) {
            recs.add("add batchnorm after each dense layer");
        }
        if (!facts.hasResidual()) {
            recs.add("add residual connections around the dense+sigmoid blocks");
        }
        return Optional.of(new Diagnosis(Diagnosis.SIGMOID_SATURATION, Math.min(0.95, confidence), explanation, recs,
                Findings.evidence(vanishing)));
    }

    /** {@code 0.25^10 * 1.00^10 = 9.54e-7 (weights of gain ~1.00 at init: xavier_normal, fan_in 32)}. */
    private static String bound(List<LayerFacts> sig) {
        int n = sig.size();
        String quarter = Num.of(Math.pow(0.25, n));
        if (sig.stream().anyMatch(l -> Double.isNaN(l.initStd()))) {
            return quarter + " times the weights' product";
        }
        double w = Gains.geometricMean(sig, l -> l.initStd() * Math.sqrt(l.fanIn()));
        LayerFacts typical = sig.get(n / 2);
        return "0.25^" + n + " * " + Num.gain(w) + "^" + n + " = " + Num.of(Math.pow(0.25 * w, n))
                + " (weights of gain ~" + Num.gain(w) + " at init: " + typical.init() + ", fan_in " + typical.fanIn()
                + ")";
    }
}
