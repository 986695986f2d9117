package io.gradguard.guard.diagnose;

import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Ranks the likely causes of a run's incidents. Each cause of the seeds is one rule that compares the
 * guard's measurements (incident evidence, optionally recent statistics) with what the model's facts
 * predict, e.g. the chain rule's per-layer factor {@code w_j sigma'(z_j)} from the init and activation:
 * bad init scale, sigmoid saturation, dead ReLUs, depth without normalisation, recurrent spectral radius,
 * learning rate too high, weak regularisation; non-finite values that did not reproduce on re-run are put
 * down to a transient fault outside the model. Stateless and thread-safe.
 */
public final class Diagnoser {
    /** In this order when confidences tie. */
    private static final List<Rule> RULES = List.of(new TransientFaultRule(), new InitScaleRule(),
            new SigmoidRule(), new RecurrentRule(), new DeadReluRule(), new LearningRateRule(),
            new RegularizationRule(), new DepthRule());

    /** The causes the incidents point to, most confident first; empty when none does (or no incidents). */
    public List<Diagnosis> diagnose(List<IncidentRecord> incidents, ModelFacts facts) {
        return diagnose(incidents, facts, List.of());
    }

    /**
     * As {@link #diagnose(List, ModelFacts)}, also reading update ratios ({@code log10(||dW||/||W||)}, healthy
     * near -3) from recent steps' statistics.
     *
     * @param facts  what is known of the model; {@link ModelFacts#UNKNOWN} when nothing is
     * @param recent recent steps' statistics (costly steps carry update ratios); may be empty
     */
    public List<Diagnosis> diagnose(List<IncidentRecord> incidents, ModelFacts facts, List<StepStats> recent) {
        Findings findings = new Findings(incidents, recent);
        ModelFacts known = facts == null ? ModelFacts.UNKNOWN : facts;
        List<Diagnosis> out = new ArrayList<>();
        for (Rule r : RULES) {
            Optional<Diagnosis> d = r.diagnose(findings, known);
            d.ifPresent(out::add);
        }
        out.sort(Comparator.comparingDouble(Diagnosis::confidence).reversed());
        return List.copyOf(out);
    }
}
