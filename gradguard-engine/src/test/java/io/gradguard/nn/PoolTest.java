package io.gradguard.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.autograd.ConvOps;
import io.gradguard.autograd.GradCheck;
import io.gradguard.autograd.PoolOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PoolTest {
    private final GradCheck check = GradCheck.defaults();

    /** Values 0.05 apart in a random order: a +-0.01 step can never change which element of a window is largest. */
    private static Var distinct(Rng rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        int[] perm = new int[d.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        rng.shuffle(perm);
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.05f * (perm[i] - d.length / 2f);
        }
        return Var.leaf(t, true);
    }

    private static Var grid(float... values) {
        int side = (int) Math.sqrt(values.length);
        return Var.leaf(Tensor.of(values, 1, 1, side, side), true);
    }

    @Test
    void maxPoolPicksEachWindowsMaximumAndRoutesTheGradientThere() {
        Var x = grid(1, 5, 2, 0,
                     3, 4, 8, 1,
                     0, 0, -1, -2,
                     9, 0, -3, -4);
        Var y = new MaxPool2d(2).forward(x);
        // windows (rows 0-1, cols 0-1) -> 5, (0-1, 2-3) -> 8, (2-3, 0-1) -> 9, (2-3, 2-3) -> -1
        assertThat(y.shape()).containsExactly(1, 1, 2, 2);
        assertThat(y.value().data()).containsExactly(5, 8, 9, -1);
        y.backward(Tensor.of(new float[] {10, 20, 30, 40}, 1, 1, 2, 2), null);
        assertThat(x.grad().data()).containsExactly(0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 40, 0, 30, 0, 0, 0);
    }

    @Test
    void maxPoolTiesGoToTheFirstElementInRowMajorOrder() {
        Var x = grid(7, 7, 7, 7);
        Var y = new MaxPool2d(2).forward(x);
        y.backward(Tensor.full(1f, 1, 1, 1, 1), null);
        assertThat(x.grad().data()).containsExactly(1, 0, 0, 0);
    }

    @Test
    void maxPoolPropagatesNaNAndRoutesToTheLastNaNAsPyTorchsCpuKernel() {
        // PyTorch's CPU rule: take the element if (val > maxval) || isnan(val), so a later NaN replaces an earlier one
        Var x = grid(Float.NaN, 1, Float.NaN, 2);
        Var y = new MaxPool2d(2).forward(x);
        assertThat(y.value().data()[0]).isNaN();
        y.backward(Tensor.full(1f, 1, 1, 1, 1), null);
        assertThat(x.grad().data()).containsExactly(0, 0, 1, 0);
    }

    @Test
    void maxPoolWithPaddingIgnoresThePadding() {
        // all negative: zero padding would win if padding counted; kernel 3, stride 2, padding 1 on 3x3 gives 2x2
        Var x = grid(-1, -2, -3, -4, -5, -6, -7, -8, -9);
        Var y = new MaxPool2d(3, 2, 1).forward(x);
        // windows centred at (0,0): {-1,-2,-4,-5}; (0,2): {-2,-3,-5,-6}; (2,0): {-4,-5,-7,-8}; (2,2): {-5,-6,-8,-9}
        assertThat(y.value().data()).containsExactly(-1, -2, -4, -5);
    }

    @Test
    void avgPoolCountsPaddingInTheDivisor() {
        // F.avg_pool2d([[1, 2], [3, 4]], kernel_size=2, stride=1, padding=1), count_include_pad=True: every
        // window divides by 4, e.g. the corner (-1,-1) holds only 1 -> 0.25 and the centre holds all -> 10/4
        Var x = grid(1, 2, 3, 4);
        Var y = new AvgPool2d(2, 1, 1).forward(x);
        assertThat(y.value().data()).containsExactly(0.25f, 0.75f, 0.5f, 1f, 2.5f, 1.5f, 0.75f, 1.75f, 1f);
        y.backward(Tensor.full(1f, 1, 1, 3, 3), null);
        // each input lies in 4 of the 9 windows, each passing 1/4 back
        assertThat(x.grad().data()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void globalAvgPoolAveragesEachPlane() {
        Var x = Var.leaf(Tensor.of(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 2, 2, 2), true);
        Var y = new GlobalAvgPool2d().forward(x);
        assertThat(y.shape()).containsExactly(1, 2);
        assertThat(y.value().data()).containsExactly(2.5f, 25f);
        y.backward(Tensor.of(new float[] {4, 8}, 1, 2), null);
        assertThat(x.grad().data()).containsExactly(1, 1, 1, 1, 2, 2, 2, 2);
    }

    @Test
    void gradMaxPool() {
        Rng rng = new Rng(1);
        check.check("max_pool2d 2", in -> new MaxPool2d(2).forward(in.get(0)), distinct(rng, 2, 3, 4, 6));
        check.check("max_pool2d 3 s2 p1", in -> new MaxPool2d(3, 2, 1).forward(in.get(0)), distinct(rng, 2, 2, 5, 6));
        check.check("max_pool2d (2,3) s(1,2) p(1,1)",
                in -> PoolOps.maxPool2d(in.get(0), new ConvOps.Window(2, 3, 1, 2, 1, 1)), distinct(rng, 1, 2, 4, 5));
    }

    @Test
    void gradAvgPool() {
        Rng rng = new Rng(2);
        check.check("avg_pool2d 2", in -> new AvgPool2d(2).forward(in.get(0)), GradCheck.randn(rng, 2, 3, 4, 6));
        check.check("avg_pool2d 3 s2 p1", in -> new AvgPool2d(3, 2, 1).forward(in.get(0)),
                GradCheck.randn(rng, 2, 2, 5, 6));
        check.check("avg_pool2d (3,2) s(2,1) p(1,0)",
                in -> PoolOps.avgPool2d(in.get(0), new ConvOps.Window(3, 2, 2, 1, 1, 0)),
                GradCheck.randn(rng, 1, 2, 5, 4));
    }

    @Test
    void gradGlobalAvgPool() {
        check.check("global_avg_pool2d", in -> new GlobalAvgPool2d().forward(in.get(0)),
                GradCheck.randn(new Rng(3), 3, 4, 5, 2));
    }

    @Test
    void defaultsAndNames() {
        assertThat(new MaxPool2d(2).window()).isEqualTo(ConvOps.Window.of(2, 2, 0));
        assertThat(new AvgPool2d(3).window()).isEqualTo(ConvOps.Window.of(3, 3, 0));
        assertThat(new MaxPool2d(2)).hasToString("MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))");
        assertThat(new AvgPool2d(3, 1, 1)).hasToString("AvgPool2d(kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))");
        assertThat(new GlobalAvgPool2d().parameters()).isEmpty();
    }

    @Test
    void paddingOverHalfTheKernelIsRejected() {
        assertThatThrownBy(() -> new MaxPool2d(3, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(max_pool2d) padding should be at most half of kernel_size, but got kernel_size=(3, 3), "
                        + "stride=(1, 1), padding=(2, 2)");
        assertThatThrownBy(() -> new AvgPool2d(new ConvOps.Window(2, 4, 1, 1, 1, 3)))
                .hasMessageContaining("(avg_pool2d) padding should be at most half");
    }

    @Test
    void shapeErrorsNameTheLayer() {
        Network net = new Network(new Sequential(new MaxPool2d(2), new AvgPool2d(2), new GlobalAvgPool2d()));
        assertThatThrownBy(() -> net.forward(Var.constant(Tensor.zeros(8, 3, 32))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.0' (max_pool2d) expects input [N, C, H, W] but got [8, 3, 32]");
        assertThatThrownBy(() -> net.forward(Var.constant(Tensor.zeros(8, 3, 3, 2))))
                .hasMessage("Layer 'layers.1' (avg_pool2d) expects input [*, *, H, W] with H + 2*0 >= 2 and "
                        + "W + 2*0 >= 2 (kernel_size=(2, 2), stride=(2, 2), padding=(0, 0)) but got [8, 3, 1, 1]");
        Network gap = new Network(new Sequential(new GlobalAvgPool2d()));
        assertThatThrownBy(() -> gap.forward(Var.constant(Tensor.zeros(8, 16))))
                .hasMessage("Layer 'layers.0' (global_avg_pool2d) expects input [N, C, H, W] with H, W >= 1 "
                        + "but got [8, 16]");
        assertThat(net.forward(Var.constant(Tensor.zeros(2, 3, 8, 8))).shape()).containsExactly(2, 3);
    }
}
