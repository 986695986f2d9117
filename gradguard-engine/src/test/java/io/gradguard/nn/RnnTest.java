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

/** {@link RNN} (and {@link LastStep}, used with it): naming, initialisation, gradients, errors, and BPTT scaling. */
class RnnTest {
    /** Checks {@code m.forward(x)} against its input and all of its parameters, perturbed in place. */
    static void checkModule(String what, Module m, Var x) {
        List<Var> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(m.parameters());
        GradCheck.defaults().check(what, in -> m.forward(in.get(0)), inputs.toArray(new Var[0]));
    }

    @Test
    void parametersAreNamedAndShapedAsPyTorch() {
        RNN rnn = new RNN(3, 4, 2, "tanh", true, new Rng(1));
        assertThat(rnn.namedParameters().keySet()).containsExactly("weight_ih_l0", "weight_hh_l0", "bias_ih_l0",
                "bias_hh_l0", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1");
        assertThat(rnn.weightIh(0).shape()).containsExactly(4, 3);
        assertThat(rnn.weightHh(0).shape()).containsExactly(4, 4);
        assertThat(rnn.biasIh(0).shape()).containsExactly(4);
        assertThat(rnn.weightIh(1).shape()).containsExactly(4, 4);
        // 4*3 + 4*4 + 4 + 4 + (4*4 + 4*4 + 4 + 4)
        assertThat(rnn.parameterCount()).isEqualTo(76);
        RNN noBias = new RNN(3, 4, 1, "relu", false, new Rng(1));
        assertThat(noBias.namedParameters().keySet()).containsExactly("weight_ih_l0", "weight_hh_l0");
        assertThat(noBias.biasIh(0)).isNull();
        assertThat(noBias.toString()).isEqualTo("RNN(3, 4, nonlinearity=relu, bias=false)");
        assertThat(rnn.toString()).isEqualTo("RNN(3, 4, num_layers=2)");
        assertThat(noBias.nonlinearity()).isEqualTo("relu");
    }

    @Test
    void defaultInitIsUniformOverOneOverSqrtHiddenDrawnInParameterOrder() {
        int hidden = 16;
        RNN rnn = new RNN(3, hidden, 1, "tanh", true, new Rng(7));
        double bound = 1.0 / Math.sqrt(hidden);
        double max = 0;
        for (Parameter p : rnn.parameters()) {
            for (float v : p.value().data()) {
                assertThat(Math.abs(v)).as(p.name()).isLessThanOrEqualTo((float) bound);
                max = Math.max(max, Math.abs(v));
            }
        }
        // 336 draws from U(-1/4, 1/4): the largest |v| is below 0.9 * bound with probability 0.9^336 ~ 1e-15.
        assertThat(max).isGreaterThan(0.9 * bound);
        // PyTorch's reset_parameters fills weight_ih_l0 first, then weight_hh_l0, bias_ih_l0, bias_hh_l0.
        Rng replay = new Rng(7);
        assertThat(rnn.weightIh(0).value().data()[0]).isEqualTo((float) replay.uniform(-bound, bound));
        for (int i = 1; i < 3 * hidden; i++) {
            replay.uniform(-bound, bound);
        }
        assertThat(rnn.weightHh(0).value().data()[0]).isEqualTo((float) replay.uniform(-bound, bound));
    }

    @Test
    void tanhGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(2);
        checkModule("RNN tanh 1 layer", new RNN(3, 4, 1, "tanh", true, rng), GradCheck.randn(rng, 2, 5, 3));
        checkModule("RNN tanh 2 layers", new RNN(3, 4, 2, "tanh", true, rng), GradCheck.randn(rng, 2, 5, 3));
    }

    /**
     * ReLU has a kink at 0, so the central difference must never straddle it. Here every pre-activation is
     * kept at least 0.8 from 0, by a worst-case bound: weights scaled into [-0.05, 0.05] (hidden 4, input 3),
     * inputs in [-1, 1], and b_ih = b_hh = +-1 alternating by unit, so a = +-2 + W_ih x + W_hh h. Layer 0:
     * |W_ih x| <= 0.15 and h <= (2 + 0.15) / (1 - 0.2) = 2.69; layer 1: |W_ih h| <= 0.54, h <= 3.17,
     * |W_hh h| <= 0.63; so |a -+ 2| <= 1.17. The +-1e-2 probes move a by far less than 0.8. Units with a
     * negative bias are dead (their zero derivative is checked), the others are linear.
     */
    @Test
    void reluGradientsMatchFiniteDifferences() {
        for (int layers = 1; layers <= 2; layers++) {
            Rng rng = new Rng(3);
            RNN rnn = new RNN(3, 4, layers, "relu", true, rng);
            for (Parameter p : rnn.parameters()) {
                float[] d = p.value().data();
                for (int i = 0; i < d.length; i++) {
                    d[i] = p.localName().startsWith("bias") ? (i % 2 == 0 ? 1f : -1f) : 0.1f * d[i];
                }
            }
            Tensor x = Tensor.zeros(2, 5, 3);
            float[] xd = x.data();
            for (int i = 0; i < xd.length; i++) {
                xd[i] = (float) rng.uniform(-1, 1);
            }
            checkModule("RNN relu " + layers + " layer(s)", rnn, Var.leaf(x, true));
        }
    }

    @Test
    void outputIsTheTopLayerSequence() {
        RNN rnn = new RNN(3, 4, 2, "tanh", true, new Rng(4));
        Var out = rnn.forward(Var.constant(GradCheck.normal(new Rng(5), 2, 6, 3)));
        assertThat(out.shape()).containsExactly(2, 6, 4);
        assertThat(out.label()).isEqualTo("rnn_tanh");
        for (float v : out.value().data()) {
            assertThat(Math.abs(v)).isLessThan(1f);
        }
    }

    @Test
    void badArgumentsAreReportedWithTheirValues() {
        Rng rng = new Rng(1);
        assertThatThrownBy(() -> new RNN(3, 4, 1, "sigmoid", true, rng))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RNN nonlinearity must be 'tanh' or 'relu', got 'sigmoid'");
        assertThatThrownBy(() -> new RNN(3, 0, rng)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RNN needs input_size > 0 and hidden_size > 0, got input_size=3, hidden_size=0");
        assertThatThrownBy(() -> new RNN(3, 4, 0, "tanh", true, rng)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RNN num_layers must be >= 1, got 0");
        RNN rnn = new RNN(3, 4, rng);
        assertThatThrownBy(() -> rnn.weightHh(1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("RNN(3, 4): layer 1 is out of range for num_layers=1");
        assertThatThrownBy(() -> rnn.recurrentSpectralRadius(0, 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("RNN(3, 4): gate 1 is out of range; gates are [h] (0..0)");
    }

    @Test
    void inputShapeErrorsNameTheLayer() {
        Rng rng = new Rng(1);
        Network net = new Network(new Sequential(new RNN(3, 4, rng), new LastStep(), new Dense(4, 1, true, rng)));
        assertThatThrownBy(() -> net.forward(Var.constant(Tensor.zeros(2, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.0' (rnn_tanh) expects input [batch, T, 3] but got [2, 3]");
        assertThatThrownBy(() -> net.forward(Var.constant(Tensor.zeros(2, 5, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.0' (rnn_tanh) expects input [batch, T, 3] but got [2, 5, 2]");
        assertThat(net.forward(Var.constant(Tensor.zeros(2, 5, 3))).shape()).containsExactly(2, 1);
    }

    @Test
    void lastStepKeepsStepTMinusOneAndRoutesTheGradientThere() {
        Var x = GradCheck.randn(new Rng(6), 2, 3, 4);
        LastStep last = new LastStep();
        Var y = last.forward(x);
        assertThat(y.shape()).containsExactly(2, 4);
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 4; j++) {
                assertThat(y.value().get(b, j)).isEqualTo(x.value().get(b, 2, j));
            }
        }
        GradCheck.defaults().check("LastStep", in -> last.forward(in.get(0)), x);
        assertThatThrownBy(() -> last.forward(Var.constant(Tensor.zeros(2, 0, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LastStep expects input [batch, T, H] with T >= 1 but got [2, 0, 4]");
        assertThat(last.toString()).isEqualTo("LastStep()");
    }

    @Test
    void spectralAccessorsReadTheRecurrentWeight() {
        RNN rnn = new RNN(3, 5, 2, "tanh", true, new Rng(8));
        assertThat(rnn.recurrentSpectralRadius(1)).isEqualTo(Spectral.spectralRadius(rnn.weightHh(1).value()));
        assertThat(rnn.recurrentLargestSingularValue(0))
                .isEqualTo(Spectral.largestSingularValue(rnn.weightHh(0).value()));
        assertThat(rnn.recurrentLargestSingularValue(0)).isGreaterThanOrEqualTo(rnn.recurrentSpectralRadius(0));
    }

    /**
     * The seeds' claim, measured: through {@code k} steps the gradient is multiplied by {@code k} Jacobians
     * {@code W_hh^T diag(tanh')}. With {@code W_hh = s P} (P a cyclic permutation, so every singular value and
     * |eigenvalue| is s), {@code W_ih = I} and inputs of 1e-6 (tanh' = 1 to within 1e-8), the gradient reaching
     * step 0 from a loss on step T-1 is {@code s^(T-1)} times the one at step T-1: it vanishes for s = 0.5
     * and explodes for s = 1.5.
     */
    @Test
    void gradientThroughTimeScalesAsTheLargestSingularValueToTheNumberOfSteps() {
        int steps = 20;
        for (float s : new float[] {0.5f, 1.5f}) {
            int h = 6;
            RNN rnn = new RNN(h, h, 1, "tanh", false, new Rng(9));
            float[] wih = rnn.weightIh(0).value().data();
            float[] whh = rnn.weightHh(0).value().data();
            java.util.Arrays.fill(wih, 0f);
            java.util.Arrays.fill(whh, 0f);
            for (int i = 0; i < h; i++) {
                wih[i * h + i] = 1f;
                whh[i * h + (i + 1) % h] = s;
            }
            assertThat(rnn.recurrentLargestSingularValue(0)).isCloseTo(s, within(1e-6));
            assertThat(rnn.recurrentSpectralRadius(0)).isCloseTo(s, within(1e-6));
            Tensor xv = Tensor.full(1e-6f, 1, steps, h);
            Var x = Var.leaf(xv, true);
            Var out = rnn.forward(x);
            Tensor seed = Tensor.zeros(1, steps, h);
            for (int j = 0; j < h; j++) {
                seed.set(1f, 0, steps - 1, j);
            }
            out.backward(seed, null);
            double first = 0;
            double last = 0;
            for (int j = 0; j < h; j++) {
                first += Math.pow(x.grad().get(0, 0, j), 2);
                last += Math.pow(x.grad().get(0, steps - 1, j), 2);
            }
            double ratio = Math.sqrt(first / last);
            assertThat(ratio).as("s=" + s).isCloseTo(Math.pow(s, steps - 1), within(1e-3 * Math.pow(s, steps - 1)));
        }
    }
}
