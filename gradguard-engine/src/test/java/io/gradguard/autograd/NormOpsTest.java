package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormOpsTest {
    private final GradCheck check = GradCheck.defaults();

    /** Channel 0 holds 1, 2, 3, 4; channel 1 holds 0, 0, 4, 4. */
    private static Var batch() {
        return Var.leaf(Tensor.matrix(new float[][] {{1, 0}, {2, 0}, {3, 4}, {4, 4}}), true);
    }

    private static void assertClose(float[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element " + i).isCloseTo(expected[i], within(1e-6));
        }
    }

    @Test
    void batchNormNormalisesEachChannelByItsBatchMeanAndBiasedVariance() {
        double[] mean = new double[2];
        double[] var = new double[2];
        Var gamma = Var.leaf(Tensor.of(new float[] {2, 3}, 2), true);
        Var beta = Var.leaf(Tensor.of(new float[] {0.5f, -1}, 2), true);
        Var y = NormOps.batchNorm(batch(), gamma, beta, 0, mean, var);
        // channel 0: mean 2.5, biased var (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25, x_hat = (x - 2.5) / sqrt(1.25)
        // channel 1: mean 2, biased var 16 / 4 = 4, x_hat = (x - 2) / 2 = -1, -1, 1, 1
        assertThat(mean).containsExactly(2.5, 2.0);
        assertThat(var).containsExactly(1.25, 4.0);
        double s = Math.sqrt(1.25);
        assertClose(y.value().data(), 2 * -1.5 / s + 0.5, 3 * -1 - 1, 2 * -0.5 / s + 0.5, -4,
                2 * 0.5 / s + 0.5, 2, 2 * 1.5 / s + 0.5, 2);
        assertThat(y.label()).isEqualTo("batch_norm");
    }

    @Test
    void batchNormTreatsTrailingDimensionsAsPartOfTheChannel() {
        // [N=2, C=2, L=2] holding the same channel values as batch(): n0 = {c0: 1, 2; c1: 0, 0}, n1 = {3, 4; 4, 4}
        Var x = Var.constant(Tensor.of(new float[] {1, 2, 0, 0, 3, 4, 4, 4}, 2, 2, 2));
        double[] mean = new double[2];
        double[] var = new double[2];
        Var y = NormOps.batchNorm(x, null, null, 0, mean, var);
        assertThat(mean).containsExactly(2.5, 2.0);
        assertThat(var).containsExactly(1.25, 4.0);
        double s = Math.sqrt(1.25);
        assertClose(y.value().data(), -1.5 / s, -0.5 / s, -1, -1, 0.5 / s, 1.5 / s, 1, 1);
    }

    @Test
    void batchNormGradientFlowsThroughTheBatchStatistics() {
        // With no affine transform, a constant upstream gradient has no effect: shifting every value of a
        // channel by the same amount leaves x_hat unchanged, so dx = 0 (a backward ignoring the mean gives 1/sigma).
        Var x = batch();
        NormOps.batchNorm(x, null, null, 1e-5, null, null).backward(Tensor.full(1f, 4, 2), null);
        for (float g : x.grad().data()) {
            assertThat(g).isCloseTo(0f, within(1e-6f));
        }
    }

    @Test
    void batchNormGradients() {
        Rng rng = new Rng(11);
        check.check("batch_norm [5, 3] affine", in -> NormOps.batchNorm(in.get(0), in.get(1), in.get(2), 1e-5,
                null, null), GradCheck.randn(rng, 5, 3), GradCheck.randn(rng, 3), GradCheck.randn(rng, 3));
        check.check("batch_norm [3, 2, 4] affine", in -> NormOps.batchNorm(in.get(0), in.get(1), in.get(2), 1e-5,
                null, null), GradCheck.randn(rng, 3, 2, 4), GradCheck.randn(rng, 2), GradCheck.randn(rng, 2));
        check.check("batch_norm [4, 3] no affine", in -> NormOps.batchNorm(in.get(0), null, null, 1e-5, null, null),
                GradCheck.randn(rng, 4, 3));
        check.check("batch_norm [4, 3] gamma only", in -> NormOps.batchNorm(in.get(0), in.get(1), null, 1e-5,
                null, null), GradCheck.randn(rng, 4, 3), GradCheck.randn(rng, 3));
    }

    @Test
    void batchNormEvalUsesTheGivenStatisticsAsConstants() {
        Tensor rm = Tensor.of(new float[] {1, 2}, 2);
        Tensor rv = Tensor.of(new float[] {4, 0.25f}, 2);
        Var x = batch();
        Var y = NormOps.batchNormEval(x, null, null, rm, rv, 0);
        // channel 0: (x - 1) / 2; channel 1: (x - 2) / 0.5
        assertClose(y.value().data(), 0, -4, 0.5, -4, 1, 4, 1.5, 4);
        // no path through the statistics: dx = g / sqrt(var + eps) = 1/2 and 1/0.5
        y.backward(Tensor.full(1f, 4, 2), null);
        assertClose(x.grad().data(), 0.5, 2, 0.5, 2, 0.5, 2, 0.5, 2);
        Rng rng = new Rng(12);
        check.check("batch_norm eval", in -> NormOps.batchNormEval(in.get(0), in.get(1), in.get(2), rm, rv, 1e-5),
                GradCheck.randn(rng, 3, 2, 2), GradCheck.randn(rng, 2), GradCheck.randn(rng, 2));
    }

    @Test
    void layerNormNormalisesEachRowOverTheTrailingDimensions() {
        Var x = Var.constant(Tensor.matrix(new float[][] {{1, 2, 3}, {10, 10, 16}}));
        Var y = NormOps.layerNorm(x, new int[] {3}, null, null, 0);
        // row 0: mean 2, biased var 2/3 -> x_hat = (-1, 0, 1) / sqrt(2/3) = (-1.2247449, 0, 1.2247449)
        // row 1: mean 12, biased var (4 + 4 + 16) / 3 = 8 -> x_hat = (-2, -2, 4) / sqrt(8)
        double r = Math.sqrt(2.0 / 3);
        double e = Math.sqrt(8);
        assertClose(y.value().data(), -1 / r, 0, 1 / r, -2 / e, -2 / e, 4 / e);
        assertThat(y.label()).isEqualTo("layer_norm");
    }

    @Test
    void layerNormGradients() {
        Rng rng = new Rng(13);
        check.check("layer_norm [4, 5]", in -> NormOps.layerNorm(in.get(0), new int[] {5}, in.get(1), in.get(2), 1e-5),
                GradCheck.randn(rng, 4, 5), GradCheck.randn(rng, 5), GradCheck.randn(rng, 5));
        check.check("layer_norm [2, 2, 3] over [2, 3]", in -> NormOps.layerNorm(in.get(0), new int[] {2, 3},
                in.get(1), in.get(2), 1e-5), GradCheck.randn(rng, 2, 2, 3), GradCheck.randn(rng, 2, 3),
                GradCheck.randn(rng, 2, 3));
        check.check("layer_norm no affine", in -> NormOps.layerNorm(in.get(0), new int[] {4}, null, null, 1e-5),
                GradCheck.randn(rng, 3, 4));
    }

    @Test
    void shapeErrorsNameTheOpAndBothShapes() {
        assertThatThrownBy(() -> NormOps.batchNorm(Var.constant(Tensor.zeros(1, 3)), null, null, 1e-5, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(batch_norm) expects more than 1 value per channel when training but got [1, 3]");
        assertThatThrownBy(() -> NormOps.batchNorm(Var.constant(Tensor.zeros(3)), null, null, 1e-5, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(batch_norm) expects an input [N, C, *] with at least 2 dimensions but got [3]");
        assertThatThrownBy(() -> NormOps.batchNorm(Var.constant(Tensor.zeros(4, 3)),
                Var.constant(Tensor.zeros(2)), null, 1e-5, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(batch_norm) expects affine parameters [3] for input [4, 3] but got [2]");
        assertThatThrownBy(() -> NormOps.batchNormEval(Var.constant(Tensor.zeros(4, 3)), null, null,
                Tensor.zeros(3), Tensor.zeros(2), 1e-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(batch_norm) expects running statistics [3] but got [2]");
        try (GradMode.Scope ignored = OpScope.enter("layers.2")) {
            assertThatThrownBy(() -> NormOps.layerNorm(Var.constant(Tensor.zeros(2, 3)), new int[] {4}, null, null,
                    1e-5)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Layer 'layers.2' (layer_norm) expects input [*, 4] but got [2, 3]");
            assertThatThrownBy(() -> NormOps.layerNorm(Var.constant(Tensor.zeros(3)), new int[] {2, 3}, null, null,
                    1e-5)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Layer 'layers.2' (layer_norm) expects input [*, 2, 3] but got [3]");
        }
    }
}
