package io.gradguard.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.Batch;
import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.LayerStats;
import io.gradguard.guard.monitor.Monitor;
import io.gradguard.guard.monitor.MonitorConfig;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard reads DJL's gradients in libtorch's memory and copies one only when asked for the array. */
class DjlParamViewTest {

    /** Forward and backward on batch 0, leaving the gradients in the parameters' tensors. */
    private static List<DjlParamView> backward(Fixture f) {
        try (Batch b = f.batch(0); GradientCollector c = f.trainer.newGradientCollector()) {
            NDList preds = f.trainer.forward(b.getData(), b.getLabels());
            NDArray loss = f.trainer.getLoss().evaluate(b.getLabels(), preds);
            c.backward(loss);
        }
        List<DjlParamView> views = new ArrayList<>();
        for (DjlParameters.Named p : DjlParameters.of(f.net)) {
            if (p.trainable()) {
                DjlParamView v = DjlParamView.of(p);
                v.refresh();
                views.add(v);
            }
        }
        return views;
    }

    private static float[] tensorGradient(DjlParamView v, Fixture f) {
        for (DjlParameters.Named p : DjlParameters.of(f.net)) {
            if (p.name().equals(v.name())) {
                try (NDArray g = p.parameter().getArray().getGradient()) {
                    return g.toFloatArray();
                }
            }
        }
        throw new AssertionError(v.name());
    }

    @Test
    void theGradientIsReadInLibtorchsMemoryUntilTheArrayIsAskedFor() {
        ScalableTracker lr = ScalableTracker.fixed(0.1f);
        try (Fixture f = new Fixture(GuardedTraining.builder().learningRate(lr).noGuard().build(), lr, false, false)) {
            List<DjlParamView> views = backward(f);
            DjlParamView w = views.get(0);
            float[] expected = tensorGradient(w, f);
            assertThat(w.hasGrad()).isTrue();
            java.nio.ByteBuffer memory = w.gradMemory();
            assertThat(memory).isNotNull();
            assertThat(memory.limit()).isEqualTo(4 * expected.length);
            assertThat(memory.getFloat(4 * 5)).isEqualTo(expected[5]);

            float[] copy = w.grad(); // from now on the array is the gradient
            assertThat(copy).containsExactly(expected);
            assertThat(w.gradMemory()).isNull();
            copy[0] = 42f;
            w.writeGradient();
            assertThat(tensorGradient(w, f)[0]).isEqualTo(42f);

            w.refresh(); // a new step: the memory again, the copy forgotten
            assertThat(w.gradMemory()).isNotNull();
            assertThat(w.gradMemory().getFloat(0)).isEqualTo(42f);
            views.forEach(DjlParamView::release);
            assertThat(w.gradMemory()).isNull();
            assertThat(w.hasGrad()).isFalse();
        }
    }

    @Test
    void theMonitorGivesTheSameStatisticsFromLibtorchsMemoryAsFromCopiesWithoutCopying() {
        ScalableTracker lr = ScalableTracker.fixed(0.1f);
        try (Fixture f = new Fixture(GuardedTraining.builder().learningRate(lr).noGuard().build(), lr, false, false)) {
            List<DjlParamView> views = backward(f);
            List<ParamView> copies = new ArrayList<>();
            for (DjlParamView v : views) {
                copies.add(ParamView.of(v.name(), v.shape(), v.values(), tensorGradient(v, f)));
            }
            StepStats inMemory = new Monitor(new MonitorConfig(50)).observe(new StepView(1, 1, 0.1, List.copyOf(views)));
            for (DjlParamView v : views) {
                assertThat(v.gradMemory()).as(v.name() + " was not copied").isNotNull();
            }
            StepStats onHeap = new Monitor(new MonitorConfig(50)).observe(new StepView(1, 1, 0.1, copies));
            assertThat(inMemory.globalNorm()).isCloseTo(onHeap.globalNorm(), within(1e-6 * onHeap.globalNorm()));
            for (int i = 0; i < onHeap.layers().size(); i++) {
                LayerStats a = onHeap.layers().get(i);
                LayerStats b = inMemory.layers().get(i);
                assertThat(b.layer()).isEqualTo(a.layer());
                assertThat(b.gradNorm()).isCloseTo(a.gradNorm(), within(1e-6 * a.gradNorm()));
                assertThat(b.gradMaxAbs()).isEqualTo(a.gradMaxAbs());
                assertThat(b.deadFraction()).isEqualTo(a.deadFraction());
            }
            views.forEach(DjlParamView::release);
        }
    }
}
