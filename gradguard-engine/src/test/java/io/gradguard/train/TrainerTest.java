package io.gradguard.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.autograd.Activation;
import io.gradguard.data.Dataset;
import io.gradguard.data.Generator;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Loss;
import io.gradguard.nn.Network;
import io.gradguard.nn.Parameter;
import io.gradguard.nn.Sequential;
import io.gradguard.optim.AdamConfig;
import io.gradguard.optim.LrSchedule;
import io.gradguard.optim.Optimizer;
import io.gradguard.optim.Penalty;
import io.gradguard.tensor.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    /** A small spirals run: model, optimiser and trainer from one seed. */
    static final class Run {
        final Network model;
        final Optimizer optimizer;
        final Trainer trainer;
        final List<Double> losses = new ArrayList<>();

        Run(long seed, int epochs, LrSchedule schedule, TrainConfig.ScheduleInterval interval) {
            this(seed, epochs, schedule, interval, false);
        }

        Run(long seed, int epochs, LrSchedule schedule, TrainConfig.ScheduleInterval interval, boolean terminateOnNan) {
            Rng rng = new Rng(seed);
            Dataset data = new Generator.Spirals(600, 3, 0.1).generate(rng.fork("data"));
            Dataset.Split split = data.split(0.2, rng.fork("split"));
            Rng init = rng.fork("init");
            model = new Network(new Sequential(new Dense(2, 32, true, init), new ActivationLayer(new Activation.ReLU()),
                    new Dense(32, 32, true, init), new ActivationLayer(new Activation.ReLU()),
                    new Dense(32, 3, true, init)));
            optimizer = AdamConfig.of(0.01).build(model.parameters());
            trainer = new Trainer(model, new Loss.CrossEntropy(), optimizer, schedule, Penalty.l2(1e-4), split.train(),
                    split.validation(), new TrainConfig(epochs, 32, true, 1, 0, interval, terminateOnNan), rng);
            trainer.addListener(new TrainListener() {
                @Override
                public void onStep(StepMetrics m) {
                    losses.add(m.loss());
                }
            });
        }

        Run(long seed, int epochs) {
            this(seed, epochs, LrSchedule.constant(), TrainConfig.ScheduleInterval.EPOCH);
        }
    }

    private static float[][] weights(Network m) {
        return m.parameters().stream().map(p -> p.value().data().clone()).toArray(float[][]::new);
    }

    @Test
    void sameSeedGivesBitwiseIdenticalLosses() {
        Run a = new Run(7, 3);
        Run b = new Run(7, 3);
        a.trainer.fit();
        b.trainer.fit();
        assertThat(a.losses).hasSize(3 * 15).isEqualTo(b.losses);
        assertThat(weights(a.model)).isDeepEqualTo(weights(b.model));
        Run c = new Run(8, 1);
        c.trainer.fit();
        assertThat(c.losses.get(0)).isNotEqualTo(a.losses.get(0));
    }

    @Test
    void resumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        LrSchedule cosine = new LrSchedule.CosineAnnealingLR(40, 0.0);
        Run full = new Run(3, 4, cosine, TrainConfig.ScheduleInterval.STEP);
        full.trainer.fit();

        // Stop in the middle of epoch 2 (step 37 of 15 per epoch), as an interruption would.
        Run first = new Run(3, 4, cosine, TrainConfig.ScheduleInterval.STEP);
        first.trainer.checkpointTo(new CheckpointPolicy(dir, 2));
        first.trainer.addHook(s -> s.step() == 37 ? StepAction.STOP : StepAction.PROCEED);
        TrainResult stopped = first.trainer.fit();
        assertThat(stopped.stopped()).isTrue();
        assertThat(Files.readString(dir.resolve("latest")).trim()).isEqualTo("step-00000037");

        // A fresh process: different initial weights are overwritten by the checkpoint.
        Run second = new Run(3, 4, cosine, TrainConfig.ScheduleInterval.STEP);
        Progress p = Checkpoint.restore(dir, second.model, second.optimizer);
        assertThat(p.step()).isEqualTo(37);
        assertThat(p.epoch()).isEqualTo(2);
        assertThat(p.batch()).isEqualTo(7);
        second.trainer.resumeFrom(p).fit();

        assertThat(weights(second.model)).isDeepEqualTo(weights(full.model));
        List<Double> joined = new ArrayList<>(first.losses.subList(0, 37));
        joined.addAll(second.losses);
        assertThat(joined).isEqualTo(full.losses);
    }

    @Test
    void terminateOnNanStopsAfterTheFirstAppliedNonFiniteLossOnly() {
        // A hook turns step 20's loss into NaN (its gradients still apply, as in a diverging run).
        StepHook nanAt20 = s -> {
            if (s.step() == 20) {
                s.overrideLoss(Double.NaN);
            }
            return StepAction.PROCEED;
        };
        Run terminating = new Run(1, 3, LrSchedule.constant(), TrainConfig.ScheduleInterval.EPOCH, true);
        terminating.trainer.addHook(nanAt20);
        TrainResult t = terminating.trainer.fit();
        assertThat(t.stopped()).isTrue();
        assertThat(t.steps()).isEqualTo(21); // steps 0..20: the NaN step was applied, then training stopped
        assertThat(terminating.losses).hasSize(21).last().isEqualTo(Double.NaN);
        assertThat(terminating.trainer.progress().step()).isEqualTo(21);

        Run off = new Run(1, 3);
        off.trainer.addHook(nanAt20);
        TrainResult o = off.trainer.fit();
        assertThat(o.stopped()).isFalse();
        assertThat(o.steps()).isEqualTo(45); // 3 epochs of 15 batches

        // A step a hook skipped (the guard's answer to a NaN) does not count.
        Run skipped = new Run(1, 3, LrSchedule.constant(), TrainConfig.ScheduleInterval.EPOCH, true);
        skipped.trainer.addHook(s -> {
            if (s.step() == 20) {
                s.overrideLoss(Double.NaN);
                return StepAction.SKIP_STEP;
            }
            return StepAction.PROCEED;
        });
        assertThat(skipped.trainer.fit().stopped()).isFalse();
    }

    @Test
    void skippedStepsLeaveTheWeightsAlone() {
        Run r = new Run(1, 1);
        float[][] before = weights(r.model);
        r.trainer.addHook(s -> StepAction.SKIP_STEP);
        TrainResult res = r.trainer.fit();
        assertThat(weights(r.model)).isDeepEqualTo(before);
        assertThat(res.last().skippedSteps()).isEqualTo(15);
    }

    @Test
    void theLoggedGradNormIsTakenBeforeHooksClipOrReportedByAHookThatMeasuredIt() {
        // A clipping hook that reports nothing: the logged norm is the trainer's own, before the clip.
        Run plain = new Run(3, 1);
        List<Double> seen = new ArrayList<>();
        plain.trainer.addHook(s -> {
            seen.add(GradientNorms.global(s.parameters().values()));
            s.parameters().values().forEach(p -> java.util.Arrays.fill(p.grad().data(), 0f));
            return StepAction.PROCEED;
        });
        List<Double> logged = new ArrayList<>();
        plain.trainer.addListener(new TrainListener() {
            @Override
            public void onStep(StepMetrics m) {
                logged.add(m.gradNorm());
            }
        });
        plain.trainer.fit();
        assertThat(logged).isEqualTo(seen).allMatch(n -> n > 0);

        // A hook that reports the norm it measured: the trainer logs that value.
        Run reporting = new Run(3, 1);
        reporting.trainer.addHook(new StepHook() {
            @Override
            public StepAction afterBackward(StepContext s) {
                s.reportGradNorm(1000 + s.step());
                return StepAction.PROCEED;
            }

            @Override
            public boolean reportsGradNorm() {
                return true;
            }
        });
        List<Double> reported = new ArrayList<>();
        reporting.trainer.addListener(new TrainListener() {
            @Override
            public void onStep(StepMetrics m) {
                reported.add(m.gradNorm() - m.step());
            }
        });
        reporting.trainer.fit();
        assertThat(reported).isNotEmpty().containsOnly(1000.0);
    }

    @Test
    void hookSeesNamedGradientsAndCanScaleTheLearningRate() {
        Run r = new Run(1, 1);
        List<Double> lrs = new ArrayList<>();
        r.trainer.addHook(s -> {
            Map<String, Parameter> ps = s.parameters();
            assertThat(ps).containsKeys("layers.0.weight", "layers.0.bias", "layers.4.weight");
            assertThat(ps.get("layers.0.weight").grad()).isNotNull();
            lrs.add(s.lr());
            if (s.step() == 2) {
                s.scaleLr(0.5);
            }
            return StepAction.PROCEED;
        });
        r.trainer.fit();
        assertThat(lrs.subList(0, 3)).containsOnly(0.01);
        assertThat(lrs.subList(3, lrs.size())).containsOnly(0.005);
        assertThatThrownBy(() -> r.trainer.scaleLr(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learning-rate scale factor must be in (0, 1], got 2.0");
    }

    @Test
    void spiralsReachNinetySevenPercent() {
        Rng rng = new Rng(42);
        Dataset data = new Generator.Spirals(1500, 3, 0.1).generate(rng.fork("data"));
        Dataset.Split split = data.split(0.2, rng.fork("split"));
        Rng init = rng.fork("init");
        Network model = new Network(new Sequential(new Dense(2, 64, true, init),
                new ActivationLayer(new Activation.ReLU()), new Dense(64, 64, true, init),
                new ActivationLayer(new Activation.ReLU()), new Dense(64, 3, true, init)));
        Trainer t = new Trainer(model, new Loss.CrossEntropy(), AdamConfig.of(0.01).build(model.parameters()),
                LrSchedule.constant(), Penalty.NONE, split.train(), split.validation(), TrainConfig.of(60, 32), rng);
        TrainResult r = t.fit();
        assertThat(r.last().valAccuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(r.diverged()).isFalse();
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> TrainConfig.of(0, 32)).hasMessage("training epochs must be >= 1, got 0");
        assertThatThrownBy(() -> TrainConfig.of(1, 0)).hasMessage("training batch_size must be >= 1, got 0");
    }

    @Test
    void dropoutAndBatchNormResumeExactly(@TempDir Path dir) throws Exception {
        java.util.function.Supplier<Network> build = () -> {
            Rng init = new Rng(5).fork("init");
            return new Network(new Sequential(new Dense(2, 32, true, init), new io.gradguard.nn.BatchNorm1d(32),
                    new ActivationLayer(new Activation.ReLU()), new io.gradguard.nn.Dropout(0.3),
                    new Dense(32, 3, true, init)));
        };
        Rng rng = new Rng(5);
        Dataset data = new Generator.Spirals(300, 3, 0.1).generate(rng.fork("data"));
        java.util.function.Function<Network, Trainer> trainer = m -> new Trainer(m, new Loss.CrossEntropy(),
                AdamConfig.of(0.01).build(m.parameters()), LrSchedule.constant(), Penalty.NONE, data, null,
                new TrainConfig(3, 32, true, 1, 0, TrainConfig.ScheduleInterval.EPOCH), new Rng(5));
        Network full = build.get();
        trainer.apply(full).fit();

        Network first = build.get();
        Trainer t1 = trainer.apply(first).checkpointTo(new CheckpointPolicy(dir, 1));
        t1.addHook(s -> s.step() == 14 ? StepAction.STOP : StepAction.PROCEED);
        t1.fit();
        Network second = build.get();
        Trainer t2 = trainer.apply(second);
        t2.resumeFrom(Checkpoint.restore(dir, second, t2.optimizer())).fit();

        assertThat(weights(second)).isDeepEqualTo(weights(full));
        // The batch-norm running statistics travel with the checkpoint too.
        assertThat(second.namedBuffers().get("layers.1.running_mean").data())
                .containsExactly(full.namedBuffers().get("layers.1.running_mean").data());
        assertThat(second.namedBuffers()).containsKeys("layers.1.running_var", "layers.1.num_batches_tracked");
    }
}
