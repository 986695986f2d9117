package io.gradguard.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.GradCheck;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchNormTest {
    private final GradCheck check = GradCheck.defaults();

    /** Step 1: channel 0 holds 1, 2, 3, 4 and channel 1 holds 0, 0, 4, 4. */
    private static final float[][] STEP1 = {{1, 0}, {2, 0}, {3, 4}, {4, 4}};
    /** Step 2: channel 0 holds 2, 2, 2, 6 and channel 1 holds -1, 1, -1, 1. */
    private static final float[][] STEP2 = {{2, -1}, {2, 1}, {2, -1}, {6, 1}};

    private static Var in(float[][] rows) {
        return Var.constant(Tensor.matrix(rows));
    }

    private static void assertClose(Tensor t, double... expected) {
        float[] d = t.data();
        assertThat(d).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) d[i]).as("element " + i).isCloseTo(expected[i], within(1e-6));
        }
    }

    /**
     * Hand computation with momentum 0.1, running_mean = 0 and running_var = 1 at the start.
     * <pre>
     * step 1, channel 0: mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5
     *   biased var 5/4 = 1.25 (normalises), unbiased var 5/3 (running)
     *   running_mean = 0.9 * 0 + 0.1 * 2.5 = 0.25; running_var = 0.9 * 1 + 0.1 * 5/3 = 1.0666667
     * step 1, channel 1: mean 2; squared deviations 4 * 4 = 16: biased 4, unbiased 16/3
     *   running_mean = 0.2; running_var = 0.9 + 0.1 * 16/3 = 1.4333333
     * step 2, channel 0: mean 3; squared deviations 1 + 1 + 1 + 9 = 12: biased 3, unbiased 4
     *   running_mean = 0.9 * 0.25 + 0.3 = 0.525; running_var = 0.9 * 1.0666667 + 0.4 = 1.36
     * step 2, channel 1: mean 0; squared deviations 4: biased 1, unbiased 4/3
     *   running_mean = 0.9 * 0.2 = 0.18; running_var = 0.9 * 1.4333333 + 0.1 * 4/3 = 1.4233333
     * </pre>
     */
    @Test
    void runningStatisticsFollowPyTorchsRuleOverTwoSteps() {
        BatchNorm1d bn = new BatchNorm1d(2);
        Var y1 = bn.forward(in(STEP1));
        assertClose(bn.runningMean(), 0.25, 0.2);
        assertClose(bn.runningVar(), 0.9 + 0.1 * 5 / 3.0, 0.9 + 0.1 * 16 / 3.0);
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
        // the output of step 1 is normalised with the biased variances 1.25 and 4
        double s0 = Math.sqrt(1.25 + 1e-5);
        double s1 = Math.sqrt(4 + 1e-5);
        assertClose(y1.value(), -1.5 / s0, -2 / s1, -0.5 / s0, -2 / s1, 0.5 / s0, 2 / s1, 1.5 / s0, 2 / s1);

        bn.forward(in(STEP2));
        assertClose(bn.runningMean(), 0.525, 0.18);
        assertClose(bn.runningVar(), 1.36, 0.9 * (0.9 + 0.1 * 16 / 3.0) + 0.1 * 4 / 3.0);
        assertThat(bn.numBatchesTracked()).isEqualTo(2);
        assertThat(bn.buffers().get("num_batches_tracked").item()).isEqualTo(2f);
    }

    @Test
    void evaluationNormalisesByTheRunningEstimatesEvenForOneExample() {
        BatchNorm1d bn = new BatchNorm1d(2);
        bn.forward(in(STEP1));
        bn.forward(in(STEP2));
        bn.eval();
        Var y = bn.forward(in(new float[][] {{1, 1}}));
        // running_mean (0.525, 0.18), running_var (1.36, 1.4233333) from the hand computation above
        assertClose(y.value(), (1 - 0.525) / Math.sqrt(1.36 + 1e-5), (1 - 0.18) / Math.sqrt(1.4233333 + 1e-5));
        assertThat(bn.numBatchesTracked()).as("evaluation does not update the estimates").isEqualTo(2);
        assertClose(bn.runningMean(), 0.525, 0.18);
    }

    @Test
    void momentumNoneKeepsTheCumulativeAverage() {
        BatchNorm1d bn = new BatchNorm1d(2, new BatchNorm1d.Options(1e-5, new BatchNorm1d.Momentum.CumulativeAverage(),
                true, true));
        bn.forward(in(STEP1));
        bn.forward(in(STEP2));
        // factor 1/k: running_mean = (2.5 + 3) / 2 and (2 + 0) / 2; running_var = (5/3 + 4) / 2, (16/3 + 4/3) / 2
        assertClose(bn.runningMean(), 2.75, 1.0);
        assertClose(bn.runningVar(), (5 / 3.0 + 4) / 2, (16 / 3.0 + 4 / 3.0) / 2);
        assertThat(bn.toString()).isEqualTo(
                "BatchNorm1d(2, eps=1.0E-5, momentum=None, affine=true, track_running_stats=true)");
    }

    @Test
    void affineParametersAreGammaOneAndBetaZeroAndAbsentWhenNotAffine() {
        BatchNorm1d bn = new BatchNorm1d(3);
        assertThat(bn.localParameters().keySet()).containsExactly("weight", "bias");
        assertThat(bn.weight().value().data()).containsOnly(1f);
        assertThat(bn.bias().value().data()).containsOnly(0f);
        BatchNorm1d plain = new BatchNorm1d(3, 1e-5, 0.1, false, true);
        assertThat(plain.parameters()).isEmpty();
        assertThat(plain.weight()).isNull();
        assertThat(plain.bias()).isNull();
        assertThat(plain.buffers().keySet()).containsExactly("running_mean", "running_var", "num_batches_tracked");
        assertThat(new BatchNorm2d(4, 1e-5, 0.1, false, true).parameters()).isEmpty();
    }

    @Test
    void untrackedStatisticsMeanBatchStatisticsInEvaluationToo() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, 0.1, true, false);
        assertThat(bn.runningMean()).isNull();
        assertThat(bn.runningVar()).isNull();
        assertThat(bn.buffers()).isEmpty();
        Var train = bn.forward(in(STEP1));
        bn.eval();
        Var eval = bn.forward(in(STEP1));
        assertThat(eval.value().data()).containsExactly(train.value().data());
        assertThat(bn.numBatchesTracked()).isZero();
    }

    @Test
    void batchNorm2dTakesStatisticsOverBatchHeightAndWidth() {
        BatchNorm2d bn = new BatchNorm2d(2);
        // [N=2, C=2, H=1, W=2]: channel 0 gets 1, 2 (n0) and 3, 4 (n1); channel 1 gets 0, 0 and 4, 4: STEP1 again
        Var x = Var.constant(Tensor.of(new float[] {1, 2, 0, 0, 3, 4, 4, 4}, 2, 2, 1, 2));
        Var y = bn.forward(x);
        // m = N * H * W = 4 values per channel, so the numbers are those of the BatchNorm1d test
        assertClose(bn.runningMean(), 0.25, 0.2);
        assertClose(bn.runningVar(), 0.9 + 0.1 * 5 / 3.0, 0.9 + 0.1 * 16 / 3.0);
        double s0 = Math.sqrt(1.25 + 1e-5);
        double s1 = Math.sqrt(4 + 1e-5);
        assertClose(y.value(), -1.5 / s0, -0.5 / s0, -2 / s1, -2 / s1, 0.5 / s0, 1.5 / s0, 2 / s1, 2 / s1);
        assertThat(bn.buffers().keySet()).containsExactly("running_mean", "running_var", "num_batches_tracked");
    }

    @Test
    void buffersGetStateDictNamesUnderTheModulePath() {
        Rng rng = new Rng(1);
        Network net = new Network(new Sequential(new Dense(3, 4, true, rng), new BatchNorm1d(4)));
        Map<String, Tensor> named = new LinkedHashMap<>();
        net.namedModules().forEach((path, m) -> {
            if (m instanceof BatchNorm1d b) {
                b.buffers().forEach((k, t) -> named.put(path + "." + k, t));
            }
        });
        assertThat(named.keySet()).containsExactly("layers.1.running_mean", "layers.1.running_var",
                "layers.1.num_batches_tracked");
        assertThat(net.namedParameters().keySet()).containsExactly("layers.0.weight", "layers.0.bias",
                "layers.1.weight", "layers.1.bias");
        // the buffers are live: restoring a checkpoint is a copy into them
        named.get("layers.1.running_mean").copyFrom(Tensor.full(7f, 4));
        assertThat(((BatchNorm1d) net.layers().layers().get(1)).runningMean().data()).containsOnly(7f);
    }

    /** Checks {@code m.forward(x)} against its input and every parameter. */
    private void checkModule(String what, Module m, Var x) {
        List<Var> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(m.parameters());
        check.check(what, in -> m.forward(in.get(0)), inputs.toArray(new Var[0]));
    }

    /** Non-trivial gamma and beta, and running estimates from three training batches. */
    private static <M extends Module> M warmed(M bn, Rng rng, int... shape) {
        for (Parameter p : bn.parameters()) {
            p.value().copyFrom(GradCheck.normal(rng, p.shape()));
        }
        for (int i = 0; i < 3; i++) {
            Tensor t = GradCheck.normal(rng, shape);
            for (int j = 0; j < t.data().length; j++) {
                t.data()[j] = 2 * t.data()[j] + 0.5f;
            }
            bn.forward(Var.constant(t));
        }
        return bn;
    }

    @Test
    void gradientsInTrainingAndEvaluation() {
        Rng rng = new Rng(2);
        BatchNorm1d bn = warmed(new BatchNorm1d(3), rng, 6, 3);
        checkModule("BatchNorm1d [6, 3] train", bn, GradCheck.randn(rng, 6, 3));
        bn.eval();
        checkModule("BatchNorm1d [6, 3] eval", bn, GradCheck.randn(rng, 6, 3));

        BatchNorm1d seq = warmed(new BatchNorm1d(2), rng, 3, 2, 4);
        checkModule("BatchNorm1d [3, 2, 4] train", seq, GradCheck.randn(rng, 3, 2, 4));
        seq.eval();
        checkModule("BatchNorm1d [3, 2, 4] eval", seq, GradCheck.randn(rng, 3, 2, 4));

        BatchNorm2d bn2 = warmed(new BatchNorm2d(3), rng, 2, 3, 2, 2);
        checkModule("BatchNorm2d [2, 3, 2, 2] train", bn2, GradCheck.randn(rng, 2, 3, 2, 2));
        bn2.eval();
        checkModule("BatchNorm2d [2, 3, 2, 2] eval", bn2, GradCheck.randn(rng, 2, 3, 2, 2));

        BatchNorm1d untracked = warmed(new BatchNorm1d(3, 1e-5, 0.1, true, false), rng, 5, 3);
        untracked.eval();
        checkModule("BatchNorm1d untracked eval (batch statistics)", untracked, GradCheck.randn(rng, 5, 3));
        checkModule("BatchNorm1d affine=false train", new BatchNorm1d(3, 1e-5, 0.1, false, true),
                GradCheck.randn(rng, 5, 3));
    }

    @Test
    void invalidHyperparametersAreRejectedWithTheValue() {
        assertThatThrownBy(() -> new BatchNorm1d(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BatchNorm1d numFeatures must be > 0, got 0");
        assertThatThrownBy(() -> new BatchNorm2d(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BatchNorm2d numFeatures must be > 0, got -3");
        assertThatThrownBy(() -> new BatchNorm1d(4, -1e-5, 0.1, true, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BatchNorm eps must be finite and >= 0, got -1.0E-5");
        assertThatThrownBy(() -> new BatchNorm1d(4, 1e-5, 1.5, true, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BatchNorm momentum must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new BatchNorm1d(4, 1e-5, Double.NaN, true, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BatchNorm momentum must be in [0, 1], got NaN");
    }

    @Test
    void shapeErrorsNameTheLayerAndBothShapes() {
        Rng rng = new Rng(3);
        Network net = new Network(new Sequential(new Dense(4, 10, true, rng), new BatchNorm1d(16)));
        assertThatThrownBy(() -> net.forward(Var.constant(Tensor.zeros(32, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.1' (batch_norm1d) expects input [N, 16] or [N, 16, L] but got [32, 10]");
        Network img = new Network(new Sequential(new BatchNorm2d(3)));
        assertThatThrownBy(() -> img.forward(Var.constant(Tensor.zeros(8, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.0' (batch_norm2d) expects input [N, 3, H, W] but got [8, 3]");
        Network one = new Network(new Sequential(new BatchNorm1d(16)));
        assertThatThrownBy(() -> one.forward(Var.constant(Tensor.zeros(1, 16))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.0' (batch_norm) expects more than 1 value per channel when training"
                        + " but got [1, 16]");
        one.eval();
        assertThat(one.forward(Var.constant(Tensor.zeros(1, 16))).shape()).containsExactly(1, 16);
    }

    @Test
    void describesItselfLikePyTorch() {
        assertThat(new BatchNorm1d(16)).hasToString(
                "BatchNorm1d(16, eps=1.0E-5, momentum=0.1, affine=true, track_running_stats=true)");
        assertThat(new BatchNorm2d(8, 1e-3, 0.01, false, false)).hasToString(
                "BatchNorm2d(8, eps=0.001, momentum=0.01, affine=false, track_running_stats=false)");
    }
}
