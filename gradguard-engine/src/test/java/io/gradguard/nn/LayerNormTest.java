package io.gradguard.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.GradCheck;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerNormTest {
    private final GradCheck check = GradCheck.defaults();

    /** Mean and biased variance of {@code d[off, off + n)}. */
    private static double[] moments(float[] d, int off, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += d[off + j];
        }
        double mean = s / n;
        double ss = 0;
        for (int j = 0; j < n; j++) {
            ss += (d[off + j] - mean) * (d[off + j] - mean);
        }
        return new double[] {mean, ss / n};
    }

    @Test
    void eachRowComesOutWithMeanZeroAndVarianceOne() {
        Rng rng = new Rng(1);
        Tensor t = GradCheck.normal(rng, 8, 16);
        for (int i = 0; i < t.data().length; i++) {
            t.data()[i] = 5 * t.data()[i] + 3 + i / 16; // every row shifted and scaled differently
        }
        float[] y = new LayerNorm(16).forward(Var.constant(t)).value().data();
        for (int r = 0; r < 8; r++) {
            double[] m = moments(y, r * 16, 16);
            assertThat(m[0]).as("row " + r + " mean").isCloseTo(0, within(1e-6));
            // var / (var + eps) with var ~ 25: 1 - 4e-7, so 1 to within float rounding
            assertThat(m[1]).as("row " + r + " variance").isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void normalisesOverSeveralTrailingDimensions() {
        Rng rng = new Rng(2);
        float[] y = new LayerNorm(2, 3).forward(Var.constant(GradCheck.normal(rng, 4, 2, 3))).value().data();
        for (int r = 0; r < 4; r++) {
            double[] m = moments(y, r * 6, 6);
            assertThat(m[0]).isCloseTo(0, within(1e-6));
            assertThat(m[1]).isCloseTo(1, within(1e-4));
        }
    }

    @Test
    void appliesTheElementwiseAffineTransform() {
        LayerNorm ln = new LayerNorm(3);
        ln.weight().value().copyFrom(Tensor.of(new float[] {1, 2, 3}, 3));
        ln.bias().value().copyFrom(Tensor.of(new float[] {0, 0, 10}, 3));
        float[] y = ln.forward(Var.constant(Tensor.matrix(new float[][] {{1, 2, 3}}))).value().data();
        // mean 2, biased var 2/3: x_hat = (-1, 0, 1) / sqrt(2/3 + 1e-5); y = (1 * -1.2247, 0, 3 * 1.2247 + 10)
        double s = Math.sqrt(2.0 / 3 + 1e-5);
        assertThat((double) y[0]).isCloseTo(-1 / s, within(1e-6));
        assertThat((double) y[1]).isCloseTo(0, within(1e-6));
        assertThat((double) y[2]).isCloseTo(3 / s + 10, within(1e-5));
    }

    @Test
    void parametersAreNamedWeightAndBiasWithTheNormalizedShape() {
        LayerNorm ln = new LayerNorm(2, 3);
        assertThat(ln.localParameters().keySet()).containsExactly("weight", "bias");
        assertThat(ln.weight().shape()).containsExactly(2, 3);
        assertThat(ln.weight().value().data()).containsOnly(1f);
        assertThat(ln.bias().value().data()).containsOnly(0f);
        assertThat(new LayerNorm(new int[] {4}, 1e-5, false).parameters()).isEmpty();
        assertThat(ln).hasToString("LayerNorm([2, 3], eps=1.0E-5, elementwise_affine=true)");
    }

    @Test
    void gradientsInTrainingAndEvaluation() {
        Rng rng = new Rng(3);
        LayerNorm ln = new LayerNorm(5);
        ln.weight().value().copyFrom(GradCheck.normal(rng, 5));
        ln.bias().value().copyFrom(GradCheck.normal(rng, 5));
        for (boolean training : new boolean[] {true, false}) {
            ln.train(training);
            List<Var> inputs = new ArrayList<>(List.of(GradCheck.randn(rng, 4, 5)));
            inputs.addAll(ln.parameters());
            check.check("LayerNorm(5) training=" + training, in -> ln.forward(in.get(0)), inputs.toArray(new Var[0]));
        }
        LayerNorm two = new LayerNorm(2, 3);
        List<Var> inputs = new ArrayList<>(List.of(GradCheck.randn(rng, 3, 2, 3)));
        inputs.addAll(two.parameters());
        check.check("LayerNorm(2, 3)", in -> two.forward(in.get(0)), inputs.toArray(new Var[0]));
    }

    @Test
    void invalidArgumentsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> new LayerNorm()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LayerNorm normalizedShape must have at least one dimension, got []");
        assertThatThrownBy(() -> new LayerNorm(4, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LayerNorm normalizedShape dimensions must be > 0, got [4, 0]");
        assertThatThrownBy(() -> new LayerNorm(new int[] {4}, Double.NaN, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LayerNorm eps must be finite and >= 0, got NaN");
    }

    @Test
    void shapeErrorNamesTheLayerAndBothShapes() {
        Network net = new Network(new Sequential(new Dense(4, 8, true, new Rng(4)), new LayerNorm(16)));
        assertThatThrownBy(() -> net.forward(Var.constant(Tensor.zeros(4, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.1' (layer_norm) expects input [*, 16] but got [4, 8]");
    }
}
