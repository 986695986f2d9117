package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.Monitor;
import io.gradguard.guard.monitor.MonitorConfig;
import io.gradguard.guard.monitor.StepStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NonFiniteTest {
    private static ParamView p(String name, float... grad) {
        return ParamView.of(name, new int[] {grad.length}, new float[grad.length], grad);
    }

    private static StepStats observe(StepView view) {
        return new Monitor(MonitorConfig.defaults()).observe(view);
    }

    @Test
    void namesTheFirstLayerAndCountsPerLayer() {
        StepView view = new StepView(7, Double.NaN, 0.1, List.of(
                p("layers.0.weight", 1, 2),
                p("layers.1.weight", Float.NaN, 1, Float.POSITIVE_INFINITY),
                p("layers.1.bias", Float.NaN),
                p("layers.2.weight", Float.NEGATIVE_INFINITY)));
        Incident inc = new NonFinite().inspect(observe(view), view).orElseThrow();
        assertThat(inc.step()).isEqualTo(7);
        assertThat(inc.kind()).isEqualTo(IncidentKind.NON_FINITE);
        assertThat(inc.layer()).isEqualTo("layers.1");
        assertThat(inc.evidence()).containsEntry("non_finite", 4L).containsEntry("nan", 2L)
                .containsEntry("inf", 2L).containsEntry("first_non_finite", "layers.1.weight")
                .containsEntry("first_layer", "layers.1")
                .containsEntry("layers", List.of(Map.of("layer", "layers.1", "nan", 2L, "inf", 1L),
                        Map.of("layer", "layers.2", "nan", 0L, "inf", 1L)));
        assertThat((Double) inc.evidence().get("loss")).isNaN();
        assertThat(inc.evidence().keySet()).containsExactly("loss", "non_finite", "nan", "inf",
                "first_non_finite", "first_layer", "layers");
        assertThat(inc.message()).isEqualTo("4 non-finite gradient elements (2 NaN, 2 Inf) in 2 layers, first in "
                + "layer 'layers.1' (layers.1.weight); loss is NaN");
    }

    @Test
    void aNonFiniteLossAloneIsReportedWithoutALayer() {
        StepView view = new StepView(3, Double.POSITIVE_INFINITY, 0.1, List.of(p("fc.weight", 1, 2)));
        Incident inc = new NonFinite().inspect(observe(view), view).orElseThrow();
        assertThat(inc.layer()).isNull();
        assertThat(inc.message()).isEqualTo("loss is Infinity; every gradient is finite");
        assertThat(inc.evidence()).containsEntry("loss", Double.POSITIVE_INFINITY).containsEntry("non_finite", 0L)
                .doesNotContainKeys("first_non_finite", "first_layer");
    }

    @Test
    void quietOnFiniteStepsAndReportsEveryNonFiniteStep() {
        NonFinite d = new NonFinite();
        for (long step = 0; step < 10; step++) {
            boolean bad = step >= 5;
            StepStats s = Steps.norm(step, bad ? Double.NaN : 1.0, 1.0);
            assertThat(d.inspect(s, Steps.view(step)).isPresent()).as("step %d", step).isEqualTo(bad);
        }
        assertThat(d.state()).isEmpty();
    }

    @Test
    void configMakesIt() {
        assertThat(NonFiniteConfig.defaults().create()).isInstanceOf(NonFinite.class);
        assertThat(NonFiniteConfig.defaults().create().kind()).isEqualTo(IncidentKind.NON_FINITE);
    }
}
