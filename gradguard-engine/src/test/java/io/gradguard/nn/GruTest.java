package io.gradguard.nn;

import static io.gradguard.nn.LstmTest.set;
import static io.gradguard.nn.LstmTest.sigmoid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.GradCheck;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GruTest {
    @Test
    void parametersAreNamedAndShapedAsPyTorch() {
        GRU gru = new GRU(3, 5, 2, true, new Rng(1));
        assertThat(gru.namedParameters().keySet()).containsExactly("weight_ih_l0", "weight_hh_l0", "bias_ih_l0",
                "bias_hh_l0", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1");
        assertThat(gru.weightIh(0).shape()).containsExactly(15, 3);
        assertThat(gru.weightHh(1).shape()).containsExactly(15, 5);
        assertThat(gru.biasIh(1).shape()).containsExactly(15);
        assertThat(gru.gateNames()).containsExactly("r", "z", "n");
        assertThat(gru.toString()).isEqualTo("GRU(3, 5, num_layers=2)");
    }

    /**
     * Two steps of a one-unit GRU, the torch.nn.GRU equations written out. b_hn = 0.4 is large on purpose: it
     * sits inside the reset product r * (W_hn h + b_hn), and adding it outside would change n by (1 - r) 0.4.
     */
    @Test
    void twoStepsMatchTheGateEquationsByHand() {
        GRU gru = new GRU(1, 1, new Rng(1));
        // rows in PyTorch's order: r, z, n
        set(gru.weightIh(0), 0.1f, 0.2f, 0.3f);
        set(gru.weightHh(0), -0.5f, 0.6f, 0.7f);
        set(gru.biasIh(0), 0.01f, 0.02f, 0.03f);
        set(gru.biasHh(0), 0.05f, -0.06f, 0.4f);
        double x0 = 0.5;
        double x1 = -1.0;
        // t = 0 from h = 0
        double r0 = sigmoid(0.1 * x0 + 0.01 + 0.05);
        double z0 = sigmoid(0.2 * x0 + 0.02 - 0.06);
        double n0 = Math.tanh(0.3 * x0 + 0.03 + r0 * (0.7 * 0 + 0.4));
        double h0 = (1 - z0) * n0 + z0 * 0;
        // t = 1
        double r1 = sigmoid(0.1 * x1 + 0.01 - 0.5 * h0 + 0.05);
        double z1 = sigmoid(0.2 * x1 + 0.02 + 0.6 * h0 - 0.06);
        double n1 = Math.tanh(0.3 * x1 + 0.03 + r1 * (0.7 * h0 + 0.4));
        double h1 = (1 - z1) * n1 + z1 * h0;
        Var out = gru.forward(Var.constant(Tensor.of(new float[] {(float) x0, (float) x1}, 1, 2, 1)));
        assertThat(out.value().get(0, 0, 0)).isCloseTo((float) h0, within(1e-6f));
        assertThat(out.value().get(0, 1, 0)).isCloseTo((float) h1, within(1e-6f));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(2);
        RnnTest.checkModule("GRU 1 layer", new GRU(3, 4, 1, true, rng), GradCheck.randn(rng, 2, 5, 3));
        RnnTest.checkModule("GRU 2 layers", new GRU(3, 4, 2, true, rng), GradCheck.randn(rng, 2, 4, 3));
        RnnTest.checkModule("GRU 2 layers, bias=false", new GRU(2, 3, 2, false, rng), GradCheck.randn(rng, 3, 4, 2));
    }

    /** Gate block k of weight_hh_l0 is (k+1)/4 times the identity, so its radius and norm are (k+1)/4. */
    @Test
    void spectralAccessorsReadEachGateBlock() {
        GRU gru = new GRU(2, 3, new Rng(3));
        float[] w = gru.weightHh(0).value().data();
        java.util.Arrays.fill(w, 0f);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3; i++) {
                w[(k * 3 + i) * 3 + i] = (k + 1) / 4f;
            }
        }
        GRU.Gate[] gates = GRU.Gate.values();
        for (int k = 0; k < 3; k++) {
            assertThat(gru.recurrentSpectralRadius(0, gates[k])).isCloseTo((k + 1) / 4.0, within(1e-12));
            assertThat(gru.recurrentLargestSingularValue(0, gates[k])).isCloseTo((k + 1) / 4.0, within(1e-12));
        }
    }
}
