package io.gradguard.nn.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InitTest {
    private static final double SQRT2 = Math.sqrt(2);

    /**
     * Each random initialiser on a 512 x 512 weight (fan_in = fan_out = 512 unless the shape says otherwise),
     * with the mean and std its formula gives. With 262144 draws the sampling error of the std is about
     * 1/sqrt(2 * 262144) = 0.14%, far inside the 3% tolerance.
     */
    static Stream<Arguments> randomInits() {
        int[] sq = {512, 512};
        return Stream.of(
                // normal_(mean=0.5, std=2)
                Arguments.of(new Init.Normal(0.5, 2), sq, 0.5, 2.0),
                // uniform_(-1, 3): mean (a+b)/2 = 1, std (b-a)/sqrt(12)
                Arguments.of(new Init.Uniform(-1, 3), sq, 1.0, 4 / Math.sqrt(12)),
                // xavier_normal_(gain=2): 2 * sqrt(2 / (512 + 512)) = 0.125
                Arguments.of(new Init.XavierNormal(2), sq, 0.0, 2 * Math.sqrt(2.0 / 1024)),
                // xavier_uniform_(gain=1): std sqrt(2 / 1024), bound sqrt(3) * std
                Arguments.of(new Init.XavierUniform(), sq, 0.0, Math.sqrt(2.0 / 1024)),
                // kaiming_normal_ defaults (a=0, fan_in, leaky_relu): sqrt(2 / (1 + 0)) / sqrt(512)
                Arguments.of(new Init.KaimingNormal(), sq, 0.0, SQRT2 / Math.sqrt(512)),
                // kaiming_normal_(mode=fan_out, nonlinearity=tanh) on [256, 1024]: (5/3) / sqrt(256)
                Arguments.of(new Init.KaimingNormal(0, FanMode.FAN_OUT, Nonlinearity.TANH), new int[] {256, 1024},
                        0.0, (5.0 / 3) / 16),
                // kaiming_uniform_ defaults: std sqrt(2) / sqrt(512)
                Arguments.of(new Init.KaimingUniform(), sq, 0.0, SQRT2 / Math.sqrt(512)),
                // kaiming_uniform_(a=sqrt(5)) (nn.Linear's default): gain sqrt(2/6), std 1/sqrt(3 * 512)
                Arguments.of(new Init.KaimingUniform(Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU), sq,
                        0.0, 1 / Math.sqrt(3 * 512)),
                // kaiming_normal_ on a conv weight [64, 32, 4, 4]: fan_in = 32 * 16 = 512, relu gain sqrt(2)
                Arguments.of(new Init.KaimingNormal(Nonlinearity.RELU), new int[] {64, 32, 4, 4}, 0.0,
                        SQRT2 / Math.sqrt(512)),
                // lecun normal: 1 / sqrt(fan_in)
                Arguments.of(new Init.LecunNormal(), sq, 0.0, 1 / Math.sqrt(512)),
                // orthogonal_(gain=3): rows of a square orthogonal matrix have unit norm, so the entries have
                // mean square 1/512: std = 3 / sqrt(512)
                Arguments.of(new Init.Orthogonal(3), sq, 0.0, 3 / Math.sqrt(512)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("randomInits")
    void empiricalMeanAndStdMatchTheFormula(Init init, int[] shape, double mean, double std) {
        Tensor w = Tensor.zeros(shape);
        init.fill(w, new Rng(7).fork("init"));
        double s = 0;
        double s2 = 0;
        for (float v : w.data()) {
            s += v;
            s2 += (double) v * v;
        }
        int n = w.numel();
        double m = s / n;
        double sd = Math.sqrt(s2 / n - m * m);
        assertThat(Math.abs(m - mean)).as("mean of %s", init).isLessThanOrEqualTo(0.03 * std);
        assertThat(sd / std).as("std of %s", init).isCloseTo(1.0, within(0.03));
    }

    @Test
    void randomInitsExposeTheirFormulaValues() {
        int[] shape = {20, 10};
        // fan_in 10, fan_out 20
        assertThat(new Init.XavierNormal(1).std(shape)).isCloseTo(Math.sqrt(2.0 / 30), within(1e-12));
        assertThat(new Init.XavierUniform(1).bound(shape)).isCloseTo(Math.sqrt(6.0 / 30), within(1e-12));
        assertThat(new Init.KaimingNormal().std(shape)).isCloseTo(Math.sqrt(2.0 / 10), within(1e-12));
        assertThat(new Init.KaimingUniform(0, FanMode.FAN_OUT, Nonlinearity.RELU).bound(shape))
                .isCloseTo(Math.sqrt(6.0 / 20), within(1e-12));
        // nn.Linear's kaiming_uniform_(a=sqrt(5)) bound is 1/sqrt(fan_in)
        assertThat(new Init.KaimingUniform(Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU).bound(shape))
                .isCloseTo(1 / Math.sqrt(10), within(1e-12));
        assertThat(new Init.LecunNormal().std(shape)).isCloseTo(1 / Math.sqrt(10), within(1e-12));
    }

    static Stream<Arguments> uniformInits() {
        int[] shape = {512, 512};
        return Stream.of(
                Arguments.of(new Init.Uniform(-0.25, 0.75), -0.25, 0.75),
                Arguments.of(new Init.XavierUniform(2), -2 * Math.sqrt(6.0 / 1024), 2 * Math.sqrt(6.0 / 1024)),
                Arguments.of(new Init.KaimingUniform(), -Math.sqrt(6.0 / 512), Math.sqrt(6.0 / 512)),
                Arguments.of(new Init.KaimingUniform(Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU),
                        -1 / Math.sqrt(512), 1 / Math.sqrt(512)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uniformInits")
    void uniformInitsStayInsideTheirBoundsAndReachThem(Init init, double lo, double hi) {
        Tensor w = Tensor.zeros(512, 512);
        init.fill(w, new Rng(3));
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : w.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat((double) min).isGreaterThanOrEqualTo((float) lo);
        assertThat((double) max).isLessThanOrEqualTo((float) hi);
        // 262144 draws come within 0.1% of each end of the interval
        double width = hi - lo;
        assertThat(min - lo).isLessThan(1e-3 * width);
        assertThat(hi - max).isLessThan(1e-3 * width);
    }

    @Test
    void zerosAndConstantFillEveryElement() {
        Tensor w = Tensor.full(5f, 3, 4);
        new Init.Zeros().fill(w, new Rng(1));
        assertThat(w.data()).containsOnly(0f);
        new Init.Constant(0.5).fill(w, new Rng(1));
        assertThat(w.data()).containsOnly(0.5f);
    }

    @Test
    void sameSeedGivesTheSameWeightsAndAnotherSeedDoesNot() {
        for (Init init : new Init[] {new Init.Normal(), new Init.Uniform(), new Init.XavierNormal(),
                new Init.XavierUniform(), new Init.KaimingNormal(), new Init.KaimingUniform(), new Init.LecunNormal(),
                new Init.Orthogonal()}) {
            Tensor a = Tensor.zeros(8, 6);
            Tensor b = Tensor.zeros(8, 6);
            Tensor c = Tensor.zeros(8, 6);
            init.fill(a, new Rng(42).fork("init"));
            init.fill(b, new Rng(42).fork("init"));
            init.fill(c, new Rng(43).fork("init"));
            assertThat(b.data()).as(init.name()).containsExactly(a.data());
            assertThat(c.data()).as(init.name()).isNotEqualTo(a.data());
        }
    }

    @Test
    void namesFollowTorchNnInit() {
        assertThat(Stream.of(new Init.Zeros(), new Init.Constant(1), new Init.Normal(), new Init.Uniform(),
                new Init.XavierNormal(), new Init.XavierUniform(), new Init.KaimingNormal(), new Init.KaimingUniform(),
                new Init.LecunNormal(), new Init.Orthogonal()).map(Init::name))
                .containsExactly("zeros", "constant", "normal", "uniform", "xavier_normal", "xavier_uniform",
                        "kaiming_normal", "kaiming_uniform", "lecun_normal", "orthogonal");
    }

    @Test
    void kaimingDefaultsAreTorchs() {
        // torch.nn.init.kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')
        assertThat(new Init.KaimingNormal()).isEqualTo(new Init.KaimingNormal(0, FanMode.FAN_IN,
                Nonlinearity.LEAKY_RELU));
        assertThat(new Init.KaimingUniform()).isEqualTo(new Init.KaimingUniform(0, FanMode.FAN_IN,
                Nonlinearity.LEAKY_RELU));
    }

    @Test
    void invalidValuesAreRejectedQuotingTheValue() {
        assertThatThrownBy(() -> new Init.Normal(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Normal std must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> new Init.Normal(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Normal mean must be finite, got NaN");
        assertThatThrownBy(() -> new Init.Uniform(2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Uniform needs a < b, got a=2.0, b=1.0");
        assertThatThrownBy(() -> new Init.Uniform(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a=1.0, b=1.0");
        assertThatThrownBy(() -> new Init.XavierNormal(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XavierNormal gain must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> new Init.XavierUniform(-2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("XavierUniform gain must be finite and > 0, got -2.0");
        assertThatThrownBy(() -> new Init.Orthogonal(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Orthogonal gain must be finite and > 0, got Infinity");
        assertThatThrownBy(() -> new Init.KaimingNormal(-0.5, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KaimingNormal a (negative slope) must be finite and >= 0, got -0.5");
        assertThatThrownBy(() -> new Init.KaimingUniform(0, null, Nonlinearity.RELU))
                .isInstanceOf(NullPointerException.class).hasMessage("KaimingUniform mode");
        assertThatThrownBy(() -> new Init.Constant(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Constant init value must be finite, got NaN");
    }

    @Test
    void fanBasedInitsRejectOneDimensionalTensorsNamingTheShape() {
        Tensor bias = Tensor.zeros(7);
        assertThatThrownBy(() -> new Init.KaimingUniform().fill(bias, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[7]");
        assertThatThrownBy(() -> new Init.XavierNormal().fill(bias, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer than 2 dimensions");
        assertThatThrownBy(() -> new Init.Orthogonal().fill(bias, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Orthogonal init needs a tensor with 2 or more dimensions, got shape [7]");
    }
}
