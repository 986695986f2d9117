package io.gradguard.guard.diagnose;

import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Learning rate too high: the lr multiplies every gradient into the update, so too large a value overshoots
 * (the seeds: "the learning rate acts as a multiplier to the gradient"). Primary signals and their strength:
 * loss divergence 0.6; update ratio {@code log10(||dW||/||W||)} above -1 (a hundred times the healthy -3)
 * 0.6; two or more loss spikes 0.5; non-finite values from the model that the init does not
 * explain 0.45 (untraced 0.35); three or more gradient-norm spikes 0.35 (ignored when the run shows faults
 * from outside the model, which make such spikes too). Confidence is the strongest signal plus 0.1 per other
 * signal (a single loss spike, an update ratio above -2 and an lr thirty times PyTorch's default count only
 * as support: a healthy run may show one loss spike), at most 0.9.
 */
final class LearningRateRule implements Rule {
    @Override
    public Optional<Diagnosis> diagnose(Findings f, ModelFacts facts) {
        List<Incident> divergence = f.of(IncidentKind.LOSS_DIVERGENCE);
        List<Incident> lossSpikes = f.of(IncidentKind.LOSS_SPIKE);
        List<Incident> normSpikes = f.outsideFaults() ? List.of() : f.of(IncidentKind.GRAD_NORM_SPIKE);
        List<Incident> nonFinite = initExplains(facts) || f.has(IncidentKind.RECURRENT_EXPLOSION) ? List.of()
                : f.modelNonFinite();
        double u = f.medianUpdateRatio();
        List<String> parts = new ArrayList<>();
        double strongest = 0;
        int signals = 0;
        if (!divergence.isEmpty()) {
            Incident d = divergence.get(0);
            strongest = Math.max(strongest, 0.6);
            signals++;
            parts.add("the smoothed loss rose from " + Num.of(Findings.num(d, "start")) + " to "
                    + Num.of(Findings.num(d, "current")) + " over " + Num.of(Findings.num(d, "steps_rising"))
                    + " steps (step " + d.step() + ")");
        }
        if (u > -1) {
            strongest = Math.max(strongest, 0.6);
        }
        if (u > -2) {
            signals++;
            parts.add("the median update ratio log10(||dW||/||W||) over recent steps is " + Num.of(u)
                    + " (healthy near -3: each step moves the weights by " + Num.of(100 * Math.pow(10, u))
                    + "% instead of 0.1%)");
        }
        if (!lossSpikes.isEmpty()) {
            strongest = Math.max(strongest, lossSpikes.size() >= 2 ? 0.5 : 0);
            signals++;
            parts.add(spikes("loss", lossSpikes));
        }
        if (!nonFinite.isEmpty()) {
            boolean traced = nonFinite.stream().anyMatch(i -> Findings.origin(i) == Findings.Origin.MODEL);
            strongest = Math.max(strongest, traced ? 0.45 : 0.35);
            signals++;
            parts.add(NonFiniteText.summary(nonFinite) + ", with an init of healthy scale");
        }
        if (normSpikes.size() >= 3) {
            strongest = Math.max(strongest, 0.35);
            signals++;
            parts.add(spikes("gradient norm", normSpikes));
        }
        if (strongest == 0) {
            return Optional.empty();
        }
        String high = LrFacts.highText(facts);
        if (!high.isEmpty()) {
            signals++;
            parts.add(high);
        }
        String explanation = String.join("; ", parts) + ": the learning rate scales every update, and too large a"
                + " step overshoots into regions of larger loss and larger gradients";
        List<String> recs = new ArrayList<>();
        String lower = LrFacts.lower(facts);
        recs.add(lower != null ? lower : "lower optimizer.lr tenfold");
        String warmup = warmup(facts, firstStep(divergence, lossSpikes, nonFinite, normSpikes));
        if (warmup != null) {
            recs.add(warmup);
        }
        if (!facts.clipping()) {
            recs.add("add guard.clip: {name: global_norm, max_norm: 1.0}");
        }
        double confidence = Math.min(0.9, strongest + 0.1 * (signals - 1));
        List<String> evidence = Findings.evidence(divergence, lossSpikes, nonFinite,
                normSpikes.size() >= 3 ? normSpikes : List.of());
        return Optional.of(new Diagnosis(Diagnosis.LEARNING_RATE_TOO_HIGH, confidence, explanation, recs, evidence));
    }

    /** Early incidents are where a warm-up helps: before Adam's moment estimates and the loss have settled. */
    static final long EARLY_STEPS = 200;

    /**
     * The warm-up advice: add one when the run has none (stressed when the trouble began in the first
     * {@value #EARLY_STEPS} steps), lengthen it when the trouble began within twice its length, else none.
     */
    private static String warmup(ModelFacts facts, long first) {
        long w = facts.warmupSteps();
        if (w == 0) {
            String when = first >= 0 && first < EARLY_STEPS ? " (the first incident came at step " + first
                    + ", early, while the optimizer's statistics are still settling: the case warm-up is for)" : "";
            return "add a linear warm-up: optimizer.schedule: {name: constant, warmup: 5} (the lr rises from lr/3"
                    + " over 5 epochs)" + when;
        }
        if (first >= 0 && first < 2 * w) {
            return "lengthen the warm-up: the first incident came at step " + first + ", within twice the " + w
                    + " warm-up steps; double optimizer.schedule.warmup";
        }
        return null;
    }

    @SafeVarargs
    private static long firstStep(List<Incident>... lists) {
        long first = -1;
        for (List<Incident> l : lists) {
            for (Incident i : l) {
                first = first < 0 ? i.step() : Math.min(first, i.step());
            }
        }
        return first;
    }

    /** Whether the init's predicted gain is outside the healthy window, so it explains an overflow better. */
    private static boolean initExplains(ModelFacts facts) {
        return Gains.chain(facts).map(c -> c.gain() > Gains.HIGH).orElse(false);
    }

    /** {@code the loss spiked 4 times (up to 17.7x its moving average, first at step 102)}. */
    private static String spikes(String what, List<Incident> spikes) {
        double max = 0;
        for (Incident i : spikes) {
            max = Math.max(max, Findings.num(i, "ratio"));
        }
        return "the " + what + " spiked " + (spikes.size() == 1 ? "once" : spikes.size() + " times")
                + (max > 0 ? " (up to " + Num.of(max) + "x its moving average, first at step " + spikes.get(0).step()
                + ")" : " (first at step " + spikes.get(0).step() + ")");
    }
}
