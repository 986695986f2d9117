package io.gradguard.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.Activation;
import io.gradguard.data.DataLoader;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Loss;
import io.gradguard.nn.Network;
import io.gradguard.nn.Sequential;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectorTest {
    private static final Rng RNG = new Rng(7);

    private static Dense dense(int in, int out, float[] w, float[] b) {
        Dense d = new Dense(in, out, b != null, RNG);
        System.arraycopy(w, 0, d.weight().value().data(), 0, w.length);
        if (b != null) {
            System.arraycopy(b, 0, d.bias().value().data(), 0, b.length);
        }
        return d;
    }

    private static DataLoader.Batch batch(Tensor x, Tensor y) {
        int[] rows = new int[x.dim(0)];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return new DataLoader.Batch(x, y, rows);
    }

    /** Eight inputs spread over [-1, 1]^2. */
    private static Tensor inputs() {
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = (float) Math.sin(1.7 * i + 0.3);
        }
        return Tensor.of(x, 8, 2);
    }

    @Test
    void gainsAndGradientNormsOfATwoLayerLinearChainMatchTheChainRule() {
        // z0 = 2x, z1 = 3 z0; x = 1, target 0: L = z1^2 = 36, dL/dz1 = 2 z1 = 12, dL/dz0 = 3 * 12 = 36,
        // dL/dW1 = 12 * z0 = 24, dL/dW0 = 36 * x = 36; gain of layer 0 = 36 / 12 = 3 = w1 (theory s*sqrt(1) = 3).
        Network net = new Network(new Sequential(dense(1, 1, new float[] {2}, null), dense(1, 1, new float[] {3}, null)));
        Inspection in = Inspector.inspect("chain", net, new Loss.Mse(),
                List.of(batch(Tensor.of(new float[] {1}, 1, 1), Tensor.of(new float[] {0}, 1, 1))), null, RNG);
        LayerRow l0 = in.layer("layers.0");
        LayerRow l1 = in.layer("layers.1");
        assertThat(l0.outGradNorm()).isCloseTo(36, within(1e-4));
        assertThat(l1.outGradNorm()).isCloseTo(12, within(1e-4));
        assertThat(l0.weightGradNorm()).isCloseTo(36, within(1e-4));
        assertThat(l1.weightGradNorm()).isCloseTo(24, within(1e-4));
        assertThat(l0.biasGradNorm()).isNaN();
        assertThat(l0.gain()).isCloseTo(3, within(1e-6));
        assertThat(l0.theoryGain()).isCloseTo(3, within(1e-6));
        assertThat(l1.gain()).isNaN();
        assertThat(l0.actMean()).isCloseTo(2, within(1e-6));
        assertThat(l0.actStd()).isZero();
        assertThat(in.gainProduct()).isCloseTo(3, within(1e-6));
        assertThat(in.gainCount()).isEqualTo(1);
        // J = w1 * w0 = 6.
        assertThat(in.jacobian()).containsExactly(new double[] {6.0}, within(1e-6));
    }

    @Test
    void countsDeadReluUnitsOverEveryExample() {
        // Units 0-2: weight 0, bias -1 -> relu(-1) = 0 for every input: dead. Unit 3: bias +5 > |w.x| <= 2:
        // always positive. Dead fraction 3/4.
        Dense hidden = dense(2, 4, new float[] {0, 0, 0, 0, 0, 0, 1, 1}, new float[] {-1, -1, -1, 5});
        Network net = new Network(new Sequential(hidden, new ActivationLayer(new Activation.ReLU()),
                dense(4, 1, new float[] {1, 1, 1, 1}, new float[] {0})));
        Inspection in = Inspector.inspect("dead", net, new Loss.Mse(),
                List.of(batch(inputs(), Tensor.zeros(8, 1)), batch(inputs(), Tensor.zeros(8, 1))), null, RNG);
        LayerRow relu = in.layer("layers.1");
        assertThat(relu.kind()).isEqualTo("relu");
        assertThat(relu.dead()).isEqualTo(0.75);
        assertThat(relu.saturated()).isNaN();
        assertThat(in.findings()).anySatisfy(f -> {
            assertThat(f.subject()).isEqualTo("layers.1 relu");
            assertThat(f.verdict()).isEqualTo(Verdict.VANISHING);
            assertThat(f.detail()).contains("75.0% of units dead");
        });
        assertThat(in.overall()).isEqualTo(Verdict.VANISHING);
    }

    @Test
    void countsSaturatedSigmoidAndTanhOutputs() {
        // Sigmoid: units 0, 1 have bias +10 (sigma = 0.99995 > 0.98), units 2, 3 have weight 0 and bias 0
        // (sigma = 0.5): half of all outputs saturated. Tanh: bias 5 on one of two units (tanh 5 = 0.99991).
        Dense s = dense(2, 4, new float[8], new float[] {10, 10, 0, 0});
        Dense t = dense(4, 2, new float[8], new float[] {5, 0});
        Network net = new Network(new Sequential(s, new ActivationLayer(new Activation.Sigmoid()), t,
                new ActivationLayer(new Activation.Tanh()), dense(2, 1, new float[] {1, 1}, new float[] {0})));
        Inspection in = Inspector.inspect("saturated", net, new Loss.Mse(), List.of(batch(inputs(), Tensor.zeros(8, 1))),
                null, RNG);
        assertThat(in.layer("layers.1").saturated()).isEqualTo(0.5);
        assertThat(in.layer("layers.3").saturated()).isEqualTo(0.5);
        assertThat(in.layer("layers.1").dead()).isNaN();
        assertThat(in.findings()).anySatisfy(f -> {
            assertThat(f.subject()).isEqualTo("activations");
            assertThat(f.verdict()).isEqualTo(Verdict.OK);
            assertThat(f.detail()).contains("at most 50.0% saturated");
        });
    }

    @Test
    void needsABatch() {
        Network net = new Network(new Sequential(new Dense(2, 1, true, RNG)));
        assertThatThrownBy(() -> Inspector.inspect("x", net, new Loss.Mse(), List.of(), null, RNG))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one batch");
    }
}
