package io.gradguard.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** L1/L2 kernel penalties: gradient l1*sign(w) + l2*w on weights only, value l1*sum|w| + l2/2*sum w^2. */
class PenaltyTest {
    private static Toy toy() {
        Toy t = new Toy(3, 2);
        System.arraycopy(new float[] {2f, -1f, 0f}, 0, Toy.w(t.weight), 0, 3);
        System.arraycopy(new float[] {5f, -5f}, 0, Toy.w(t.bias), 0, 2);
        return t;
    }

    @Test
    void gradientIsAddedToWeightsOnly() {
        // l1 0.1, l2 0.01, w = [2, -1, 0], existing grad [1, 1, 1]:
        //   2: 1 + 0.1*1 + 0.01*2 = 1.12;  -1: 1 - 0.1 - 0.01 = 0.89;  0: 1 + 0 + 0 = 1 (sign(0) = 0)
        Toy t = toy();
        Toy.setGrad(t.weight, 1f, 1f, 1f);
        Toy.setGrad(t.bias, 1f, 1f);
        new Penalty(0.1, 0.01).apply(t.params());
        assertThat(t.weight.grad().data()).containsExactly(new float[] {1.12f, 0.89f, 1f}, within(1e-6f));
        assertThat(t.bias.grad().data()).containsExactly(1f, 1f);
    }

    @Test
    void weightWithoutGradientGetsOne() {
        Toy t = toy();
        Penalty.l2(0.5).apply(t.params());
        // 0.5 * w = [1, -0.5, 0]
        assertThat(t.weight.grad().data()).containsExactly(1f, -0.5f, 0f);
        assertThat(t.bias.grad()).isNull();
    }

    @Test
    void valueIsTheHalvedL2PlusL1() {
        // sum|w| = 3, sum w^2 = 5 -> 0.1*3 + 0.01/2*5 = 0.325 (biases [5, -5] ignored)
        assertThat(new Penalty(0.1, 0.01).value(toy().params())).isCloseTo(0.325, within(1e-12));
        assertThat(Penalty.l1(1).value(toy().params())).isEqualTo(3.0);
        assertThat(Penalty.NONE.value(toy().params())).isEqualTo(0.0);
    }

    @Test
    void noneLeavesGradientsAlone() {
        Toy t = toy();
        Penalty.NONE.apply(t.params());
        assertThat(t.weight.grad()).isNull();
        assertThat(Penalty.NONE.isNone()).isTrue();
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> new Penalty(-0.1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Penalty l1 must be >= 0, got -0.1");
        assertThatThrownBy(() -> new Penalty(0, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Penalty l2 must be finite, got Infinity");
    }

    @Test
    void recurrentKernelsArePenalisedAndTheirBiasesAreNot() {
        var lstm = new io.gradguard.nn.LSTM(3, 4, 1, true, new io.gradguard.tensor.Rng(1));
        java.util.Map<String, io.gradguard.nn.Parameter> named = lstm.namedParameters();
        assertThat(named.keySet()).contains("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0");
        named.forEach((name, p) -> assertThat(Penalty.penalises(p)).as(name).isEqualTo(name.startsWith("weight")));
        // value: (l2 / 2) * sum w^2 over both kernels only
        double sq = 0;
        for (String k : java.util.List.of("weight_ih_l0", "weight_hh_l0")) {
            for (float v : named.get(k).value().data()) {
                sq += (double) v * v;
            }
        }
        assertThat(Penalty.l2(0.2).value(named.values())).isCloseTo(0.1 * sq, within(1e-6 * sq));
    }
}
