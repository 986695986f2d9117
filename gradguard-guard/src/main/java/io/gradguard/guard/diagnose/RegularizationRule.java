package io.gradguard.guard.diagnose;

import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * No or weak regularisation with growing weights ({@code weight_growth}): nothing pulls the weights back, and
 * large {@code |w_j|} make the chain-rule factors {@code w_j sigma'(z_j)} exceed 1 (the seeds: "the gradient
 * explosion problem is generally due to W_j being too large; L2 regularization can solve it"). Confidence 0.7
 * without weight decay or L2, 0.55 when their sum is below 1e-4, 0.3 otherwise.
 */
final class RegularizationRule implements Rule {
    private static final double WEAK = 1e-4;

    @Override
    public Optional<Diagnosis> diagnose(Findings f, ModelFacts facts) {
        List<Incident> growth = f.of(IncidentKind.WEIGHT_GROWTH);
        if (growth.isEmpty()) {
            return Optional.empty();
        }
        Incident worst = growth.get(0);
        for (Incident i : growth) {
            if (Findings.num(i, "growth") > Findings.num(worst, "growth")) {
                worst = i;
            }
        }
        double reg = facts.weightDecay() + facts.l2();
        double confidence = reg == 0 ? 0.7 : reg < WEAK ? 0.55 : 0.3;
        String explanation = "the total weight norm grew " + Num.of(Findings.num(worst, "growth")) + "x, from "
                + Num.of(Findings.num(worst, "initial")) + " at step " + Num.of(Findings.num(worst, "initial_step"))
                + " to " + Num.of(Findings.num(worst, "current")) + " at step " + worst.step()
                + ", and was still rising; optimizer " + facts.optimizer() + " has weight_decay "
                + Num.of(facts.weightDecay()) + " and regularization.l2 is " + Num.of(facts.l2())
                + (reg < WEAK ? ", so almost nothing pulls the weights back" : "")
                + ": large |w_j| make the chain-rule factors w_j*sigma'(z_j) exceed 1";
        List<String> recs = new ArrayList<>();
        if (reg == 0) {
            recs.add(facts.optimizer().equals("adam")
                    ? "use optimizer.name: adamw with weight_decay: 0.01 (decoupled decay, Loshchilov and Hutter 2019)"
                    : "set optimizer.weight_decay: 1e-4");
            recs.add("or set optimizer.regularization.l2: 1e-4");
        } else if (facts.weightDecay() > 0) {
            recs.add("raise optimizer.weight_decay from " + Num.of(facts.weightDecay()) + " to "
                    + Num.of(10 * facts.weightDecay()));
        } else {
            recs.add("raise optimizer.regularization.l2 from " + Num.of(facts.l2()) + " to " + Num.of(10 * facts.l2()));
        }
        return Optional.of(new Diagnosis(Diagnosis.WEAK_REGULARIZATION, confidence, explanation, recs,
                Findings.evidence(growth)));
    }
}
