package io.gradguard.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.gradguard.guard.GuardConfig;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.diagnose.LayerFacts;
import io.gradguard.guard.diagnose.ModelFacts;
import io.gradguard.runs.RunDirectory;
import io.gradguard.runs.RunReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnoser on a DJL model: ten ReLU layers of width 32 with weights drawn from normal(std=1), the
 * seeds' bad initialisation. The chain rule predicts a gain of std * sqrt(fan_in / 2) = 4 per layer; the
 * guard measures the gradient growing toward the input and the diagnosis names the init.
 */
class DjlModelFactsTest {
    @TempDir
    Path tmp;

    @Test
    void aBadlyInitialisedDjlNetworkIsDiagnosedFromItsMeasuredInitScale() throws Exception {
        Engine.getInstance().setRandomSeed(3);
        SequentialBlock net = new SequentialBlock();
        for (int i = 0; i < 10; i++) {
            net.add(Linear.builder().setUnits(32).build()).add(Activation.reluBlock());
        }
        net.add(Linear.builder().setUnits(1).build());
        net.setInitializer(new NormalInitializer(1f), Parameter.Type.WEIGHT);
        ScalableTracker lr = ScalableTracker.fixed(0.01f);
        RunDirectory dir = RunDirectory.createUnder(tmp, "bad-init");
        GuardedTraining training = GuardedTraining.builder().learningRate(lr).optimizer("sgd")
                .guard(GuardConfig.defaults().withClip(new ClipPolicy.GlobalNorm(1.0))).runDirectory(dir).build();
        try (Model model = Model.newInstance("deep")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss("mse", 1f))
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(lr).build())
                    .addTrainingListeners(training.listener()))) {
                trainer.initialize(new Shape(16, 32));
                var data = new ai.djl.training.dataset.ArrayDataset.Builder()
                        .setData(trainer.getManager().randomNormal(new Shape(64, 32)))
                        .optLabels(trainer.getManager().randomNormal(new Shape(64, 1)))
                        .setSampling(16, false).build();
                training.fit(trainer, 1, data, null);
                ModelFacts facts = training.facts();
                assertThat(facts.optimizer()).isEqualTo("sgd");
                assertThat(facts.lr()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(facts.clipping()).isTrue();
                List<LayerFacts> dense = facts.weightLayers();
                assertThat(dense).hasSize(11);
                LayerFacts first = dense.get(0);
                assertThat(first.name()).isEqualTo("01Linear");
                assertThat(first.fanIn()).isEqualTo(32);
                assertThat(first.fanOut()).isEqualTo(32);
                assertThat(first.activation()).isEqualTo("relu");
                assertThat(first.init()).isEqualTo("measured");
                assertThat(first.initStd()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.1));
                assertThat(facts.layer("02LambdaBlock").kind()).isEqualTo("activation");
            }
        }
        RunReader run = RunReader.open(dir.root());
        assertThat(run.incidents()).extracting(i -> i.get("kind")).contains("depth_explosion");
        Map<String, Object> diagnosis = run.diagnosis().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> causes = (List<Map<String, Object>>) diagnosis.get("causes");
        assertThat(causes.get(0)).containsEntry("cause", "bad_init_scale");
    }
}
