package io.gradguard.nn.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FansAndGainTest {
    @Test
    void denseWeightFansAreInAndOut() {
        // nn.Linear(10, 20).weight is [20, 10]: fan_in 10, fan_out 20
        assertThat(Fans.of(new int[] {20, 10})).isEqualTo(new Fans(10, 20));
    }

    @Test
    void convWeightFansIncludeTheReceptiveField() {
        // nn.Conv2d(3, 8, 5).weight is [8, 3, 5, 5]: receptive 25, fan_in 3*25 = 75, fan_out 8*25 = 200
        assertThat(Fans.of(new int[] {8, 3, 5, 5})).isEqualTo(new Fans(75, 200));
        // [4, 2, 3] (conv1d, kernel 3): fan_in 6, fan_out 12
        assertThat(Fans.of(new int[] {4, 2, 3})).isEqualTo(new Fans(6, 12));
    }

    @Test
    void fanModeSelectsTheFan() {
        Fans f = new Fans(75, 200);
        assertThat(FanMode.FAN_IN.of(f)).isEqualTo(75);
        assertThat(FanMode.FAN_OUT.of(f)).isEqualTo(200);
    }

    @Test
    void fewerThanTwoDimensionsIsAnErrorNamingTheShape() {
        assertThatThrownBy(() -> Fans.of(new int[] {5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Fan in and fan out can not be computed for a tensor with fewer than 2 dimensions,"
                        + " got shape [5]");
        assertThatThrownBy(() -> Fans.of(new int[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("got shape []");
    }

    @Test
    void gainsAreTorchsCalculateGain() {
        for (Nonlinearity n : new Nonlinearity[] {Nonlinearity.LINEAR, Nonlinearity.CONV1D, Nonlinearity.CONV2D,
                Nonlinearity.CONV3D, Nonlinearity.SIGMOID}) {
            assertThat(n.gain()).as(n.torchName()).isEqualTo(1.0);
        }
        assertThat(Nonlinearity.TANH.gain()).isEqualTo(5.0 / 3.0);
        assertThat(Nonlinearity.RELU.gain()).isEqualTo(Math.sqrt(2.0));
        assertThat(Nonlinearity.SELU.gain()).isEqualTo(0.75);
        // leaky_relu with no param uses slope 0.01: sqrt(2 / (1 + 0.0001)) = 1.41414284...
        assertThat(Nonlinearity.LEAKY_RELU.gain()).isCloseTo(1.4141428569978354, within(1e-15));
        assertThat(Nonlinearity.LEAKY_RELU.gain(Double.NaN)).isEqualTo(Nonlinearity.LEAKY_RELU.gain());
        // slope 0 is ReLU; slope sqrt(5) gives sqrt(2/6) = 0.57735 (nn.Linear's default)
        assertThat(Nonlinearity.LEAKY_RELU.gain(0)).isEqualTo(Math.sqrt(2.0));
        assertThat(Nonlinearity.LEAKY_RELU.gain(Math.sqrt(5))).isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
        // param is ignored except by leaky_relu
        assertThat(Nonlinearity.RELU.gain(0.3)).isEqualTo(Math.sqrt(2.0));
        assertThat(Nonlinearity.LEAKY_RELU.torchName()).isEqualTo("leaky_relu");
    }

    @Test
    void infiniteLeakyReluSlopeIsRejected() {
        assertThatThrownBy(() -> Nonlinearity.LEAKY_RELU.gain(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got Infinity");
    }
}
