package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

public class ConvOpsTest {
    private final GradCheck check = GradCheck.defaults();

    /** The definition of conv2d as nested loops in double: the reference the GEMM path must match. */
    public static double[] naiveConv2d(Tensor x, Tensor w, Tensor b, ConvOps.Window win) {
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int o = w.dim(0);
        int oh = (h + 2 * win.padH() - win.kh()) / win.strideH() + 1;
        int ow = (wd + 2 * win.padW() - win.kw()) / win.strideW() + 1;
        double[] y = new double[n * o * oh * ow];
        int k = 0;
        for (int s = 0; s < n; s++) {
            for (int f = 0; f < o; f++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double acc = b == null ? 0 : b.get(f);
                        for (int ch = 0; ch < c; ch++) {
                            for (int u = 0; u < win.kh(); u++) {
                                for (int v = 0; v < win.kw(); v++) {
                                    int r = i * win.strideH() - win.padH() + u;
                                    int q = j * win.strideW() - win.padW() + v;
                                    if (r >= 0 && r < h && q >= 0 && q < wd) {
                                        acc += (double) w.get(f, ch, u, v) * x.get(s, ch, r, q);
                                    }
                                }
                            }
                        }
                        y[k++] = acc;
                    }
                }
            }
        }
        return y;
    }

    /**
     * x = [[1,2,3],[4,5,6],[7,8,9]], kernel [[1,2],[3,4]], bias 0.5, stride 1, no padding, by hand:
     * y00 = 1*1 + 2*2 + 3*4 + 4*5 + 0.5 = 37.5, y01 = 1*2 + 2*3 + 3*5 + 4*6 + 0.5 = 47.5,
     * y10 = 1*4 + 2*5 + 3*7 + 4*8 + 0.5 = 67.5, y11 = 1*5 + 2*6 + 3*8 + 4*9 + 0.5 = 77.5.
     * With dy = 1 everywhere: dW[u][v] = the sum of the 2x2 block of x at (u, v): 1+2+4+5 = 12, 2+3+5+6 = 16,
     * 4+5+7+8 = 24, 5+6+8+9 = 28; db = 4 (four outputs); dx[r][q] = the sum of the kernel entries that
     * touch (r, q): corners 1, 2, 3, 4; edges 1+2 = 3, 1+3 = 4, 2+4 = 6, 3+4 = 7; centre 1+2+3+4 = 10.
     */
    @Test
    void handComputedTinyExample() {
        Var x = Var.leaf(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3), true);
        Var w = Var.leaf(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2), true);
        Var b = Var.leaf(Tensor.of(new float[] {0.5f}, 1), true);
        Var y = ConvOps.conv2d(x, w, b, 1, 0);
        assertThat(y.shape()).containsExactly(1, 1, 2, 2);
        assertThat(y.value().data()).containsExactly(37.5f, 47.5f, 67.5f, 77.5f);
        y.backward(Tensor.full(1f, 1, 1, 2, 2), null);
        assertThat(w.grad().data()).containsExactly(12, 16, 24, 28);
        assertThat(b.grad().data()).containsExactly(4);
        assertThat(x.grad().data()).containsExactly(1, 3, 2, 4, 10, 6, 3, 7, 4);
    }

    /** Same input with padding 1 and stride 2: windows at (-1,-1), (-1,1), (1,-1), (1,1); see the sums below. */
    @Test
    void handComputedPaddedStrided() {
        Var x = Var.constant(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3));
        Var w = Var.constant(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        Var y = ConvOps.conv2d(x, w, null, 2, 1);
        // floor((3 + 2 - 2) / 2) + 1 = 2. (-1,-1): only 4*x00 = 4; (-1,1): 3*x01 + 4*x02 = 6 + 12 = 18;
        // (1,-1): 2*x10 + 4*x20 = 8 + 28 = 36; (1,1): 1*5 + 2*6 + 3*8 + 4*9 = 77.
        assertThat(y.value().data()).containsExactly(4, 18, 36, 77);
    }

    private static void assertMatchesNaive(Var y, Tensor x, Tensor w, Tensor b, ConvOps.Window win) {
        double[] ref = naiveConv2d(x, w, b, win);
        float[] got = y.value().data();
        assertThat(got).hasSize(ref.length);
        for (int i = 0; i < ref.length; i++) {
            assertThat((double) got[i]).as("element %d", i).isCloseTo(ref[i], within(1e-4 + 1e-5 * Math.abs(ref[i])));
        }
    }

    @Test
    void matchesNestedLoopsOnRandomInputs() {
        Rng rng = new Rng(11);
        ConvOps.Window[] wins = {ConvOps.Window.of(3, 1, 0), ConvOps.Window.of(3, 2, 1),
            new ConvOps.Window(2, 3, 1, 2, 0, 1),
            ConvOps.Window.of(1, 1, 0), new ConvOps.Window(5, 4, 3, 2, 2, 1), ConvOps.Window.of(4, 1, 3)};
        for (ConvOps.Window win : wins) {
            Tensor x = GradCheck.normal(rng, 3, 4, 9, 7);
            Tensor w = GradCheck.normal(rng, 5, 4, win.kh(), win.kw());
            Tensor b = GradCheck.normal(rng, 5);
            Var y = ConvOps.conv2d(Var.constant(x), Var.constant(w), Var.constant(b), win, new ConvOps.Workspace());
            assertThat(y.shape()).as("%s", win).containsExactly(3, 5, win.outH(9), win.outW(7));
            assertMatchesNaive(y, x, w, b, win);
        }
    }

    /**
     * Large enough that im2col and col2im split the channels over the thread pool (9 * 4 * 32 * 32 = 36,864
     * column entries per channel, over {@code PARALLEL_MIN_PER_CHANNEL}): the output against the nested loops,
     * and dX against its definition {@code dx[s,c,r,q] = sum_{f,u,v} dy[s,f,i,j] w[f,c,u,v]} with
     * {@code r = i - 1 + u}, {@code q = j - 1 + v}.
     */
    @Test
    void channelsSplitOverThreadsMatchTheDefinitionForwardAndBackward() {
        Rng rng = new Rng(12);
        ConvOps.Window win = ConvOps.Window.of(3, 1, 1);
        int n = 4;
        int c = 3;
        int hw = 32;
        int o = 5;
        assertThat(9L * n * hw * hw).isGreaterThanOrEqualTo(ConvOps.Im2col.PARALLEL_MIN_PER_CHANNEL);
        Tensor xt = GradCheck.normal(rng, n, c, hw, hw);
        Tensor wt = GradCheck.normal(rng, o, c, 3, 3);
        Tensor dy = GradCheck.normal(rng, n, o, hw, hw);
        Var x = Var.leaf(xt, true);
        Var y = ConvOps.conv2d(x, Var.constant(wt), null, win, new ConvOps.Workspace());
        assertMatchesNaive(y, xt, wt, null, win);
        y.backward(dy, null);
        for (int s = 0; s < n; s++) {
            for (int ch = 0; ch < c; ch++) {
                for (int r = 0; r < hw; r++) {
                    for (int q = 0; q < hw; q++) {
                        double want = 0;
                        for (int f = 0; f < o; f++) {
                            for (int u = 0; u < 3; u++) {
                                for (int v = 0; v < 3; v++) {
                                    int i = r + 1 - u;
                                    int j = q + 1 - v;
                                    if (i >= 0 && i < hw && j >= 0 && j < hw) {
                                        want += (double) dy.get(s, f, i, j) * wt.get(f, ch, u, v);
                                    }
                                }
                            }
                        }
                        assertThat((double) x.grad().get(s, ch, r, q)).isCloseTo(want, within(1e-4));
                    }
                }
            }
        }
    }

    @Test
    void gradStride2Padding1WithBias() {
        Rng rng = new Rng(1);
        check.check("conv2d 3x3 s2 p1", in -> ConvOps.conv2d(in.get(0), in.get(1), in.get(2), 2, 1),
                GradCheck.randn(rng, 2, 3, 6, 5), GradCheck.randn(rng, 4, 3, 3, 3), GradCheck.randn(rng, 4));
    }

    @Test
    void gradNonSquareKernelWithoutBias() {
        Rng rng = new Rng(2);
        ConvOps.Window win = new ConvOps.Window(2, 3, 2, 1, 1, 0);
        check.check("conv2d 2x3 s(2,1) p(1,0)",
                in -> ConvOps.conv2d(in.get(0), in.get(1), null, win, new ConvOps.Workspace()),
                GradCheck.randn(rng, 2, 2, 5, 6), GradCheck.randn(rng, 3, 2, 2, 3));
    }

    @Test
    void gradWithStride3LeavingInputColumnsUnused() {
        // kernel 2, stride 3 on 8: windows start at 0, 3, 6, so rows and columns 2 and 5 are never read; grad 0
        Rng rng = new Rng(3);
        Var x = GradCheck.randn(rng, 1, 2, 8, 8);
        check.check("conv2d 2x2 s3", in -> ConvOps.conv2d(in.get(0), in.get(1), in.get(2), 3, 0), x,
                GradCheck.randn(rng, 2, 2, 2, 2), GradCheck.randn(rng, 2));
        assertThat(x.grad().get(0, 1, 5, 3)).isZero();
        assertThat(x.grad().get(0, 0, 2, 2)).isZero();
        assertThat(x.grad().get(0, 0, 1, 1)).isNotZero();
    }

    @Test
    void constantInputStillGivesWeightGradient() {
        Rng rng = new Rng(4);
        Tensor x = GradCheck.normal(rng, 2, 1, 4, 4);
        check.check("conv2d weight only", in -> ConvOps.conv2d(Var.constant(x), in.get(0), in.get(1), 1, 1),
                GradCheck.randn(rng, 3, 1, 3, 3), GradCheck.randn(rng, 3));
    }

    @Test
    void aSharedWorkspaceKeepsTwoPendingGraphsApart() {
        Rng rng = new Rng(5);
        ConvOps.Workspace ws = new ConvOps.Workspace();
        ConvOps.Window win = ConvOps.Window.of(3, 1, 1);
        Var w = GradCheck.randn(rng, 2, 2, 3, 3);
        Var x1 = GradCheck.randn(rng, 3, 2, 4, 4);
        Var x2 = GradCheck.randn(rng, 3, 2, 4, 4);
        Var y1 = ConvOps.conv2d(x1, w, null, win, ws);
        Var y2 = ConvOps.conv2d(x2, w, null, win, ws);
        Tensor seed = GradCheck.normal(rng, 3, 2, 4, 4);
        y1.backward(seed, null);
        float[] dw1 = w.grad().data().clone();
        w.zeroGrad();
        y2.backward(seed, null);
        float[] dw2 = w.grad().data().clone();
        // the same gradients from separate workspaces
        w.zeroGrad();
        ConvOps.conv2d(x1, w, null, win, new ConvOps.Workspace()).backward(seed, null);
        assertThat(w.grad().data()).containsExactly(dw1);
        w.zeroGrad();
        ConvOps.conv2d(x2, w, null, win, new ConvOps.Workspace()).backward(seed, null);
        assertThat(w.grad().data()).containsExactly(dw2);
        assertThat(dw1).isNotEqualTo(dw2);
    }

    @Test
    void workspaceIsReusedAfterBackwardAndUnderNoGrad() {
        Rng rng = new Rng(6);
        ConvOps.Workspace ws = new ConvOps.Workspace();
        Var w = GradCheck.randn(rng, 4, 2, 3, 3);
        Var x = Var.constant(GradCheck.normal(rng, 5, 2, 6, 6));
        ConvOps.conv2d(x, w, null, ConvOps.Window.of(3, 1, 0), ws).backward(Tensor.full(1f, 5, 4, 4, 4), null);
        long first = ws.allocations(); // im2col and the [O, N*OH*OW] scratch
        assertThat(first).isEqualTo(2);
        for (int i = 0; i < 3; i++) {
            ConvOps.conv2d(x, w, null, ConvOps.Window.of(3, 1, 0), ws).backward(Tensor.full(1f, 5, 4, 4, 4), null);
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                ConvOps.conv2d(x, w, null, ConvOps.Window.of(3, 1, 0), ws);
            }
        }
        assertThat(ws.allocations()).isEqualTo(first);
    }

    @Test
    void shapeErrorsNameTheOpAndShapes() {
        Var x = Var.constant(Tensor.zeros(8, 1, 32, 32));
        Var w3 = Var.constant(Tensor.zeros(4, 3, 3, 3));
        assertThatThrownBy(() -> ConvOps.conv2d(x, w3, null, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(conv2d) expects input [*, 3, H, W] but got [8, 1, 32, 32]");
        Var w1 = Var.constant(Tensor.zeros(4, 1, 3, 3));
        assertThatThrownBy(() -> ConvOps.conv2d(Var.constant(Tensor.zeros(8, 32, 32)), w1, null, 1, 0))
                .hasMessage("(conv2d) expects input [*, 1, H, W] but got [8, 32, 32]");
        assertThatThrownBy(() -> ConvOps.conv2d(x, w1, Var.constant(Tensor.zeros(3)), 1, 0))
                .hasMessage("(conv2d) expects a bias [4] but got [3]");
        assertThatThrownBy(() -> ConvOps.conv2d(x, Var.constant(Tensor.zeros(4, 9)), null, 1, 0))
                .hasMessage("(conv2d) expects a weight [out, in, kh, kw] but got [4, 9]");
        Var big = Var.constant(Tensor.zeros(4, 1, 5, 5));
        assertThatThrownBy(() -> ConvOps.conv2d(Var.constant(Tensor.zeros(2, 1, 4, 6)), big, null, 1, 0))
                .hasMessage("(conv2d) expects input [*, *, H, W] with H + 2*0 >= 5 and W + 2*0 >= 5 "
                        + "(kernel_size=(5, 5), stride=(1, 1), padding=(0, 0)) but got [2, 1, 4, 6]");
        try (GradMode.Scope ignored = OpScope.enter("layers.0")) {
            assertThatThrownBy(() -> ConvOps.conv2d(x, w3, null, 1, 0))
                    .hasMessage("Layer 'layers.0' (conv2d) expects input [*, 3, H, W] but got [8, 1, 32, 32]");
        }
    }

    @Test
    void windowValidatesItsValues() {
        assertThatThrownBy(() -> ConvOps.Window.of(0, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kernel_size must be >= 1, got (0, 0)");
        assertThatThrownBy(() -> new ConvOps.Window(3, 3, 1, 0, 0, 0)).hasMessage("stride must be >= 1, got (1, 0)");
        assertThatThrownBy(() -> ConvOps.Window.of(3, 1, -1)).hasMessage("padding must be >= 0, got (-1, -1)");
        // floor((32 + 2 - 5) / 2) + 1 = 15, floor((7 + 0 - 3) / 3) + 1 = 2
        assertThat(new ConvOps.Window(5, 3, 2, 3, 1, 0).outH(32)).isEqualTo(15);
        assertThat(new ConvOps.Window(5, 3, 2, 3, 1, 0).outW(7)).isEqualTo(2);
    }
}
