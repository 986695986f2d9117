package io.gradguard.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.GradCheck;
import io.gradguard.autograd.GradMode;
import io.gradguard.autograd.LossOps;
import io.gradguard.autograd.Var;
import io.gradguard.data.DataLoader;
import io.gradguard.data.Dataset;
import io.gradguard.data.Sequences;
import io.gradguard.optim.AdamConfig;
import io.gradguard.optim.Optimizer;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.Iterator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LstmTest {
    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void parametersAreNamedAndShapedAsPyTorch() {
        LSTM lstm = new LSTM(3, 5, 2, true, new Rng(1));
        assertThat(lstm.namedParameters().keySet()).containsExactly("weight_ih_l0", "weight_hh_l0", "bias_ih_l0",
                "bias_hh_l0", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1");
        assertThat(lstm.weightIh(0).shape()).containsExactly(20, 3);
        assertThat(lstm.weightHh(0).shape()).containsExactly(20, 5);
        assertThat(lstm.biasHh(0).shape()).containsExactly(20);
        assertThat(lstm.weightIh(1).shape()).containsExactly(20, 5);
        assertThat(lstm.gateNames()).containsExactly("i", "f", "g", "o");
        assertThat(lstm.toString()).isEqualTo("LSTM(3, 5, num_layers=2)");
        assertThat(new LSTM(3, 5, 1, false, new Rng(1)).namedParameters().keySet())
                .containsExactly("weight_ih_l0", "weight_hh_l0");
    }

    /**
     * Two steps of a one-unit LSTM with a different weight per gate, so a swapped gate order would show.
     * The expected values are the torch.nn.LSTM equations written out.
     */
    @Test
    void twoStepsMatchTheGateEquationsByHand() {
        LSTM lstm = new LSTM(1, 1, new Rng(1));
        // rows in PyTorch's order: i, f, g, o
        set(lstm.weightIh(0), 0.1f, 0.2f, 0.3f, 0.4f);
        set(lstm.weightHh(0), -0.5f, 0.6f, 0.7f, -0.8f);
        set(lstm.biasIh(0), 0.01f, 0.02f, 0.03f, 0.04f);
        set(lstm.biasHh(0), 0.05f, -0.06f, 0.07f, -0.08f);
        double x0 = 0.5;
        double x1 = -1.0;
        // t = 0 from h = c = 0
        double i0 = sigmoid(0.1 * x0 + 0.01 + 0.05);
        double f0 = sigmoid(0.2 * x0 + 0.02 - 0.06);
        double g0 = Math.tanh(0.3 * x0 + 0.03 + 0.07);
        double o0 = sigmoid(0.4 * x0 + 0.04 - 0.08);
        double c0 = f0 * 0 + i0 * g0;
        double h0 = o0 * Math.tanh(c0);
        // t = 1
        double i1 = sigmoid(0.1 * x1 + 0.01 - 0.5 * h0 + 0.05);
        double f1 = sigmoid(0.2 * x1 + 0.02 + 0.6 * h0 - 0.06);
        double g1 = Math.tanh(0.3 * x1 + 0.03 + 0.7 * h0 + 0.07);
        double o1 = sigmoid(0.4 * x1 + 0.04 - 0.8 * h0 - 0.08);
        double c1 = f1 * c0 + i1 * g1;
        double h1 = o1 * Math.tanh(c1);
        Var out = lstm.forward(Var.constant(Tensor.of(new float[] {(float) x0, (float) x1}, 1, 2, 1)));
        assertThat(out.shape()).containsExactly(1, 2, 1);
        assertThat(out.value().get(0, 0, 0)).isCloseTo((float) h0, within(1e-6f));
        assertThat(out.value().get(0, 1, 0)).isCloseTo((float) h1, within(1e-6f));
    }

    static void set(Parameter p, float... values) {
        p.value().copyFrom(Tensor.of(values, p.shape()));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(2);
        RnnTest.checkModule("LSTM 1 layer", new LSTM(3, 4, 1, true, rng), GradCheck.randn(rng, 2, 5, 3));
        RnnTest.checkModule("LSTM 2 layers", new LSTM(3, 4, 2, true, rng), GradCheck.randn(rng, 2, 4, 3));
        RnnTest.checkModule("LSTM 2 layers, bias=false", new LSTM(2, 3, 2, false, rng), GradCheck.randn(rng, 3, 4, 2));
    }

    /**
     * Gate block k of weight_hh is set to (k+1)/5 times a rotation by 0.7 rad about the last axis, whose
     * eigenvalues are e^{+-0.7i} and 1 (all of modulus 1) and whose singular values are all 1: so block k
     * has spectral radius and largest singular value (k+1)/5, and reading the wrong block would show.
     */
    @Test
    void spectralAccessorsReadEachGateBlock() {
        LSTM lstm = new LSTM(2, 3, 2, true, new Rng(3));
        float[] w = lstm.weightHh(1).value().data();
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[][] rot = {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    w[(k * 3 + i) * 3 + j] = (float) ((k + 1) / 5.0 * rot[i][j]);
                }
            }
        }
        LSTM.Gate[] gates = LSTM.Gate.values();
        for (int k = 0; k < 4; k++) {
            double expected = (k + 1) / 5.0;
            assertThat(lstm.recurrentSpectralRadius(1, gates[k])).as(gates[k].name()).isCloseTo(expected, within(1e-6));
            assertThat(lstm.recurrentLargestSingularValue(1, gates[k])).isCloseTo(expected, within(1e-6));
        }
        assertThat(lstm.recurrentBlock(1, 2).get(1, 0)).isEqualTo((float) (0.6 * s));
    }

    /**
     * LSTM(2, 16) -> last step -> Dense(16, 1) on the adding problem with T = 50, Adam(lr = 0.02), batches of
     * 64. The loss first sits on the 1/6 plateau of predicting the mean, then drops once the cell learns to
     * latch the marked values (seeds 1 to 4 left the plateau between steps 600 and 900, reaching a held-out
     * MSE below 0.005 by step 900). The test stops at held-out MSE < 0.01 or 1500 steps (~20 s on one core
     * with the reference GEMM) and asserts a held-out MSE below 0.02, an eighth of the baseline.
     */
    @Test
    @Tag("slow")
    void learnsTheAddingProblemWellBelowTheBaseline() {
        Rng rng = new Rng(1);
        Dataset train = new Sequences.Adding(20_000, 50).generate(rng.fork("train"));
        Dataset heldOut = new Sequences.Adding(1_000, 50).generate(rng.fork("test"));
        Network net = new Network(new Sequential(new LSTM(2, 16, rng.fork("lstm")), new LastStep(),
                new Dense(16, 1, true, rng.fork("head"))));
        Optimizer opt = AdamConfig.of(0.02).build(net.parameters());
        DataLoader loader = new DataLoader(train, 64, true, true, rng.fork("shuffle"));
        double initial = heldOutMse(net, heldOut);
        double mse = initial;
        int step = 0;
        for (int epoch = 0; step < 1500 && mse >= 0.01; epoch++) {
            Iterator<DataLoader.Batch> it = loader.epoch(epoch);
            while (it.hasNext() && step < 1500 && mse >= 0.01) {
                DataLoader.Batch b = it.next();
                opt.zeroGrad();
                LossOps.mse(net.forward(Var.constant(b.x())), b.y()).backward();
                opt.step();
                if (++step % 100 == 0) {
                    mse = heldOutMse(net, heldOut);
                }
            }
        }
        assertThat(initial).as("untrained held-out MSE").isGreaterThan(0.14);
        assertThat(mse).as("held-out MSE after " + step + " steps").isLessThan(0.02);
    }

    private static double heldOutMse(Module net, Dataset ds) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return LossOps.mse(net.forward(Var.constant(ds.features())), ds.targets()).item();
        }
    }
}
