package io.gradguard.guard.diagnose;

import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bad initialisation scale: the per-layer gain the init predicts ({@link Gains}) is outside
 * [{@value Gains#LOW}, {@value Gains#HIGH}], the measured growth per layer ({@code depth_explosion} growth,
 * {@code vanishing} decay) goes the same way, and the init recommended for the activation (He for ReLU, Glorot
 * for tanh and sigmoid, LeCun for linear) predicts a gain clearly closer to 1. Confidence rises with the
 * agreement of measurement and prediction, {@code 0.4 + 0.5 exp(-|ln m - ln p| / |ln p|)}. Without a depth
 * profile, non-finite values traced to the model count when the predicted product over the chain exceeds 1e6.
 */
final class InitScaleRule implements Rule {
    /** The predicted chain product beyond which float32 activations are expected to overflow soon. */
    private static final double OVERFLOW_PRODUCT = 1e6;

    @Override
    public Optional<Diagnosis> diagnose(Findings f, ModelFacts facts) {
        Optional<Gains.Chain> found = Gains.chain(facts);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Gains.Chain c = found.get();
        double p = Math.max(c.gain(), 1e-12);
        if (p >= Gains.LOW && p <= Gains.HIGH) {
            return Optional.empty();
        }
        Gains.Advice advice = Gains.advice(c);
        if (!(Math.abs(Math.log(advice.gain())) < Math.abs(Math.log(p)) - Math.log(1.25))) {
            return Optional.empty(); // the recommended init would not help: the activation is the problem
        }
        boolean exploding = p > 1;
        List<Incident> depth = f.of(exploding ? IncidentKind.DEPTH_EXPLOSION : IncidentKind.VANISHING);
        List<Incident> nonFinite = exploding ? f.modelNonFinite() : List.of();
        String prediction = "init " + c.init() + " (std " + Num.of(c.std()) + ") with " + activation(c)
                + " and fan_in " + c.fanIn() + " predicts " + Gains.formula(c.activation()) + " = " + Num.gain(p)
                + " per layer over " + c.span();
        double measured = depth.isEmpty() ? Double.NaN : measuredGrowth(depth.get(0), facts, exploding);
        double confidence;
        String explanation;
        if (measured > 0 && (measured > 1) == exploding) {
            double agreement = Math.exp(-Math.abs(Math.log(measured) - Math.log(p)) / Math.abs(Math.log(p)));
            confidence = 0.4 + 0.5 * agreement + (nonFinite.isEmpty() ? 0 : 0.05);
            explanation = measuredText(depth.get(0), measured, exploding) + "; " + prediction;
        } else if (exploding && !nonFinite.isEmpty() && c.layers().size() * Math.log(p) > Math.log(OVERFLOW_PRODUCT)) {
            confidence = 0.55;
            explanation = prediction + ", a product of " + Num.of(Math.pow(p, c.layers().size())) + " over the chain";
        } else {
            return Optional.empty();
        }
        if (!nonFinite.isEmpty()) {
            explanation += "; " + NonFiniteText.summary(nonFinite);
        }
        List<String> recs = new ArrayList<>();
        recs.add("set model.init: " + advice.spec() + " (predicted gain " + Num.gain(advice.gain()) + " per layer)");
        if (exploding && !facts.clipping()) {
            recs.add("add guard.clip: {name: global_norm, max_norm: 1.0} to keep steps bounded meanwhile");
        }
        return Optional.of(new Diagnosis(Diagnosis.BAD_INIT_SCALE, Math.min(0.95, confidence), explanation, recs,
                Findings.evidence(depth, nonFinite)));
    }

    /** Growth per layer toward the input: {@code growth}, {@code decay}, or the first/last ratio spread over depth. */
    private static double measuredGrowth(Incident i, ModelFacts facts, boolean exploding) {
        double g = Findings.num(i, exploding ? "growth" : "decay");
        if (Double.isFinite(g)) {
            return g;
        }
        double ratio = Findings.num(i, exploding ? "first_last_ratio" : "ratio");
        int n = facts.depth();
        return n >= 2 && ratio > 0 ? Math.pow(ratio, 1.0 / (n - 1)) : Double.NaN;
    }

    private static String measuredText(Incident i, double measured, boolean exploding) {
        String signal = "bias".equals(Findings.text(i, "signal")) ? "the backpropagated gradient (bias)"
                : "the gradient norm";
        double ratio = Findings.num(i, exploding ? "first_last_ratio" : "ratio");
        List<String> layers = Findings.texts(i, "layers");
        String over = layers.size() >= 2 ? " over " + layers.get(0) + "-" + layers.get(layers.size() - 1) : "";
        return signal + (exploding ? " grows " : " shrinks to ") + Num.of(measured) + "x per layer toward the input"
                + over + " (measured at step " + i.step()
                + (Double.isFinite(ratio) ? ", first/last " + Num.of(ratio) : "") + ")";
    }

    private static String activation(Gains.Chain c) {
        if (c.activation() == null) {
            return "no activation";
        }
        return c.activation().equals("leaky_relu") ? "leaky_relu (a " + Num.of(c.param()) + ")" : c.activation();
    }
}
