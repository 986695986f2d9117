package io.gradguard.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.Activation;
import io.gradguard.autograd.ConvOps;
import io.gradguard.autograd.ConvOpsTest;
import io.gradguard.autograd.GradCheck;
import io.gradguard.autograd.Var;
import io.gradguard.optim.AdamConfig;
import io.gradguard.optim.Optimizer;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Conv2dTest {
    @Test
    void parametersAreNamedAndShapedAsInPyTorch() {
        Network net = new Network(new Sequential(new Conv2d(3, 8, 3, new Rng(1)),
                new Conv2d(8, 4, 5, 3, 2, 1, false, new Rng(2))));
        assertThat(net.namedParameters()).containsOnlyKeys("layers.0.weight", "layers.0.bias", "layers.1.weight");
        assertThat(net.namedParameters().get("layers.0.weight").shape()).containsExactly(8, 3, 3, 3);
        assertThat(net.namedParameters().get("layers.0.bias").shape()).containsExactly(8);
        assertThat(net.namedParameters().get("layers.1.weight").shape()).containsExactly(4, 8, 5, 3);
        assertThat(net.layers().layers().get(1)).hasToString(
                "Conv2d(8, 4, kernel_size=(5, 3), stride=(2, 2), padding=(1, 1), bias=false)");
        assertThat(((Conv2d) net.layers().layers().get(0)).window()).isEqualTo(ConvOps.Window.of(3, 1, 0));
    }

    /**
     * kaiming_uniform_(a=sqrt(5)) gives bound = gain * sqrt(3 / fan_in) with gain = sqrt(2 / (1 + 5)), that is
     * 1 / sqrt(fan_in); fan_in = 4 * 3 * 5 = 60. The bias uses the same bound. A uniform sample of 160 * 60 = 9600
     * values reaches within 1% of the bound and has mean ~0 and variance bound^2 / 3.
     */
    @Test
    void defaultInitIsPyTorchsKaimingUniform() {
        Conv2d c = new Conv2d(4, 160, 3, 5, 1, 0, true, new Rng(7));
        double bound = 1 / Math.sqrt(60);
        float[] w = c.weight().value().data();
        assertThat(w).hasSize(160 * 60);
        double max = 0;
        double sum = 0;
        double sq = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
            sum += v;
            sq += (double) v * v;
        }
        assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        assertThat(sum / w.length).isCloseTo(0, within(0.01 * bound * 3));
        assertThat(sq / w.length).isCloseTo(bound * bound / 3, within(0.05 * bound * bound / 3));
        for (float v : c.bias().value().data()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
        }
        Conv2d same = new Conv2d(4, 160, 3, 5, 1, 0, true, new Rng(7));
        assertThat(same.weight().value().data()).containsExactly(w);
    }

    @Test
    void forwardMatchesNestedLoops() {
        Rng rng = new Rng(3);
        Conv2d c = new Conv2d(3, 6, 3, 2, 2, 1, true, rng);
        Tensor x = GradCheck.normal(rng, 4, 3, 11, 10);
        Var y = c.forward(Var.constant(x));
        double[] ref = ConvOpsTest.naiveConv2d(x, c.weight().value(), c.bias().value(), c.window());
        // floor((11 + 2 - 3) / 2) + 1 = 6 rows, floor((10 + 2 - 2) / 2) + 1 = 6 columns
        assertThat(y.shape()).containsExactly(4, 6, 6, 6);
        for (int i = 0; i < ref.length; i++) {
            assertThat((double) y.value().data()[i]).isCloseTo(ref[i], within(1e-5 + 1e-5 * Math.abs(ref[i])));
        }
    }

    @Test
    void gradientWithRespectToInputWeightAndBias() {
        Rng rng = new Rng(4);
        Conv2d c = new Conv2d(2, 3, 3, 2, 2, 1, true, rng);
        List<Var> inputs = new ArrayList<>(List.of(GradCheck.randn(rng, 2, 2, 5, 6)));
        inputs.addAll(c.parameters());
        GradCheck.defaults().check("Conv2d(2, 3, (3, 2), s2, p1)", in -> c.forward(in.get(0)),
                inputs.toArray(new Var[0]));
    }

    @Test
    void wrongChannelCountNamesTheLayer() {
        Network net = new Network(new Sequential(new Conv2d(3, 4, 3, new Rng(1))));
        assertThatThrownBy(() -> net.forward(Var.constant(Tensor.zeros(8, 1, 32, 32))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.0' (conv2d) expects input [*, 3, H, W] but got [8, 1, 32, 32]");
    }

    @Test
    void constructorRejectsBadSizes() {
        assertThatThrownBy(() -> new Conv2d(0, 4, 3, new Rng(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Conv2d needs in_channels > 0 and out_channels > 0, got in_channels=0, out_channels=4");
        assertThatThrownBy(() -> new Conv2d(1, 4, 3, 0, 0, true, new Rng(1)))
                .hasMessage("stride must be >= 1, got (0, 0)");
    }

    /**
     * A small CNN trained with Adam: after the first step every Conv2d reuses its buffers (no new arrays),
     * evaluation under no_grad included, and the loss goes down.
     */
    @Test
    void steadyTrainingReusesTheConvBuffers() {
        Rng rng = new Rng(5);
        Conv2d c1 = new Conv2d(1, 4, 3, 1, 1, true, rng);
        Conv2d c2 = new Conv2d(4, 4, 3, 1, 1, true, rng);
        Network net = new Network(new Sequential(c1, new ActivationLayer(new Activation.ReLU()), new MaxPool2d(2), c2,
                new ActivationLayer(new Activation.ReLU()), new GlobalAvgPool2d(), new Dense(4, 2, true, rng)));
        Optimizer opt = AdamConfig.of(0.01).build(net.parameters());
        Tensor x = GradCheck.normal(rng, 8, 1, 8, 8);
        Tensor y = Tensor.of(new float[] {0, 1, 0, 1, 0, 1, 0, 1}, 8);
        double firstLoss = 0;
        double lastLoss = 0;
        long[] after = new long[2];
        for (int step = 0; step < 30; step++) {
            opt.zeroGrad();
            Var loss = new Loss.CrossEntropy().compute(net.forward(Var.constant(x)), y);
            loss.backward();
            opt.step();
            try (var ignored = io.gradguard.autograd.GradMode.noGrad()) {
                net.forward(Var.constant(x));
            }
            if (step == 0) {
                firstLoss = loss.item();
                after[0] = c1.workspace().allocations();
                after[1] = c2.workspace().allocations();
            }
            lastLoss = loss.item();
        }
        assertThat(c1.workspace().allocations()).isEqualTo(after[0]).isPositive();
        assertThat(c2.workspace().allocations()).isEqualTo(after[1]).isPositive();
        assertThat(lastLoss).isLessThan(firstLoss);
    }
}
