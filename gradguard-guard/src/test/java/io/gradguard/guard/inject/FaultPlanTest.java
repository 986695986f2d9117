package io.gradguard.guard.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    @Test
    void parsesEveryKindWithFactorsAndTargets() {
        FaultPlan p = FaultPlan.parse("nan@120, spike@300x1e4,inf@50:layers.2,loss_nan@7,loss_spike@9x50");
        assertThat(p.faults()).containsExactly(
                new Fault(120, Fault.Kind.NAN, Double.NaN, null),
                new Fault(300, Fault.Kind.SPIKE, 1e4, null),
                new Fault(50, Fault.Kind.INF, Double.NaN, "layers.2"),
                new Fault(7, Fault.Kind.LOSS_NAN, Double.NaN, null),
                new Fault(9, Fault.Kind.LOSS_SPIKE, 50, null));
        assertThat(FaultPlan.parse("spike@3").faults().get(0).factor()).isEqualTo(1e4);
        assertThat(FaultPlan.parse(p.toString()).faults()).isEqualTo(p.faults());
    }

    @Test
    void badItemsAreQuoted() {
        assertThatThrownBy(() -> FaultPlan.parse("nan@abc")).hasMessage("--inject 'nan@abc': step 'abc' must be a whole number");
        assertThatThrownBy(() -> FaultPlan.parse("boom@3")).hasMessageContaining("unknown fault 'boom'");
        assertThatThrownBy(() -> FaultPlan.parse("spike@3x-2")).hasMessageContaining("factor must be finite and > 0, got -2.0");
        assertThatThrownBy(() -> FaultPlan.parse("nan@3x2")).hasMessageContaining("only spike and loss_spike take a factor");
        assertThatThrownBy(() -> FaultPlan.parse("120")).hasMessageContaining("expected KIND@STEP");
    }

    @Test
    void corruptsGradientsAndLossAtTheirStepOnly() {
        float[] g0 = {1, 2};
        float[] g1 = {3, 4};
        List<ParamView> ps = List.of(ParamView.of("layers.0.weight", new int[] {2}, new float[2], g0),
                ParamView.of("layers.2.weight", new int[] {2}, new float[2], g1));
        FaultPlan plan = FaultPlan.parse("inf@5:layers.2,spike@6x10,loss_nan@7");
        assertThat(plan.apply(new StepView(4, 1.0, 0.1, ps)).loss()).isEqualTo(1.0);
        plan.apply(new StepView(5, 1.0, 0.1, ps));
        assertThat(g1[0]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(g0).containsExactly(1, 2);
        plan.apply(new StepView(6, 1.0, 0.1, ps));
        assertThat(g0).containsExactly(10, 20);
        assertThat(plan.apply(new StepView(7, 1.0, 0.1, ps)).loss()).isNaN();
        assertThatThrownBy(() -> FaultPlan.parse("nan@1:nope").apply(new StepView(1, 1, 0.1, ps)))
                .hasMessageContaining("no parameter with a gradient matches 'nope'");
    }

    @Test
    void randomPlanMixesKindsAtDistinctSteps() {
        FaultPlan p = FaultPlan.random(50, 10, 1000, 1);
        assertThat(p.faults()).hasSize(50);
        assertThat(p.faults().stream().map(Fault::step).distinct().count()).isEqualTo(50);
        assertThat(p.faults().stream().map(Fault::kind).distinct()).containsExactlyInAnyOrder(
                Fault.Kind.NAN, Fault.Kind.INF, Fault.Kind.SPIKE);
        assertThat(FaultPlan.random(50, 10, 1000, 1).faults()).isEqualTo(p.faults());
    }
}
