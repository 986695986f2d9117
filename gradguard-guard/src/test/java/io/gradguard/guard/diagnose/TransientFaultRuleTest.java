package io.gradguard.guard.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.recover.Recovery;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransientFaultRuleTest {
    private static final TransientFaultRule RULE = new TransientFaultRule();

    /** As with {@code --inject nan@120,nan@300,nan@500,spike@700x1e4,...} and trace_limit 2. */
    static List<IncidentRecord> injected() {
        return List.of(Cases.skipped(Cases.outsideNaN(120, true)), Cases.skipped(Cases.outsideNaN(300, true)),
                Cases.skipped(Cases.outsideNaN(500, false)), Cases.skipped(Cases.normSpike(700, 1e4)),
                Cases.skipped(Cases.normSpike(800, 1e4)), Cases.skipped(Cases.normSpike(900, 1e4)));
    }

    @Test
    void notReproducedNonFiniteStepsAreAFaultOutsideTheModel() {
        Diagnosis d = RULE.diagnose(new Findings(injected(), List.of()), Cases.spiralsFacts(0.01)).orElseThrow();
        assertThat(d.cause()).isEqualTo(Diagnosis.TRANSIENT_FAULT);
        assertThat(d.confidence()).isEqualTo(0.9);
        assertThat(d.explanation()).contains("2 non-finite steps (120, 300) did not reproduce",
                "outside the model's computation", "the guard kept them out of the weights",
                "1 more non-finite step was not traced",
                "the 3 gradient-norm spikes without a loss spike are likely of the same origin");
        assertThat(d.recommendations().get(0))
                .isEqualTo("no change needed: a transient fault outside the model; the guard skipped it");
        assertThat(d.evidence()).containsExactly("non_finite at steps 120, 300 (not reproduced)",
                "non_finite at step 500 (not traced)", "grad_norm_spike at steps 700, 800, 900");
    }

    @Test
    void theDiagnoserBlamesNothingInTheModelForThem() {
        // Even with a model whose init is bad, faults from outside are not put down to it.
        List<Diagnosis> ds = new Diagnoser().diagnose(injected(), Cases.badInitFacts());
        assertThat(ds).extracting(Diagnosis::cause).containsExactly(Diagnosis.TRANSIENT_FAULT);
    }

    @Test
    void appliedFaultsAskForSkipping() {
        List<IncidentRecord> applied = List.of(
                new IncidentRecord(Cases.outsideNaN(120, true), new Recovery.Proceed(), "step applied"));
        Diagnosis d = RULE.diagnose(new Findings(applied, List.of()), Cases.spiralsFacts(0.01)).orElseThrow();
        assertThat(d.explanation()).contains("the non-finite step 120 did not reproduce",
                "1 of the non-finite steps was applied");
        assertThat(d.recommendations().get(0)).contains("guard.recovery: {non_finite: skip_step}");
    }

    @Test
    void structuralTroubleLowersTheConfidence() {
        Diagnosis d = Cases.run(RULE, Cases.spiralsFacts(0.01), Cases.outsideNaN(120, true),
                Cases.deadUnits(200, 0.7)).orElseThrow();
        assertThat(d.confidence()).isEqualTo(0.7);
    }

    @Test
    void quietWhenATraceReachedTheModelOrNothingWasTraced() {
        assertThat(Cases.run(RULE, Cases.spiralsFacts(0.01), Cases.outsideNaN(120, true), Cases.modelNaN(130)))
                .isEmpty();
        assertThat(Cases.run(RULE, Cases.spiralsFacts(0.01), Cases.outsideNaN(120, false))).isEmpty();
    }
}
