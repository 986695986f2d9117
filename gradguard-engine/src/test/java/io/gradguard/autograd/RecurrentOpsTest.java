package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused recurrent layer op against finite differences and against the same cell built step by step
 * from the engine's generic ops (linear, slice, elementwise), whose own gradients are checked elsewhere.
 */
class RecurrentOpsTest {
    private static final int BATCH = 3;
    private static final int STEPS = 5;
    private static final int IN = 2;
    private static final int HIDDEN = 3;

    /** x, weight_ih, weight_hh, bias_ih, bias_hh as leaves; weights scaled 0.5 to keep tanh/sigmoid unsaturated. */
    private static Var[] leaves(RecurrentCell cell, long seed, boolean bias) {
        Rng rng = new Rng(seed);
        int gh = cell.gates() * HIDDEN;
        Var x = GradCheck.randn(rng, BATCH, STEPS, IN);
        Var wih = scaled(rng, 0.5f, gh, IN);
        Var whh = scaled(rng, 0.5f, gh, HIDDEN);
        if (!bias) {
            return new Var[] {x, wih, whh};
        }
        return new Var[] {x, wih, whh, scaled(rng, 0.5f, gh), scaled(rng, 0.5f, gh)};
    }

    private static Var scaled(Rng rng, float s, int... shape) {
        Tensor t = GradCheck.normal(rng, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= s;
        }
        return Var.leaf(t, true);
    }

    private static Var fused(List<Var> v, RecurrentCell cell) {
        return v.size() == 5 ? RecurrentOps.layer(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), cell)
                : RecurrentOps.layer(v.get(0), v.get(1), v.get(2), null, null, cell);
    }

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void gradientMatchesFiniteDifferences(RecurrentCell cell) {
        // Seed 11 keeps every RNN_RELU pre-activation well away from 0 under the +-1e-2 probes (checked by the
        // test passing with rtol 1e-2; a straddled kink would show as an error of the gradient's own size).
        GradCheck.defaults().check(cell.label(), v -> fused(v, cell), leaves(cell, 11, true));
    }

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void gradientWithoutBiasesMatchesFiniteDifferences(RecurrentCell cell) {
        GradCheck.defaults().check(cell.label() + " bias=false", v -> fused(v, cell), leaves(cell, 12, false));
    }

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void agreesWithTheCellComposedFromGenericOps(RecurrentCell cell) {
        Var[] a = leaves(cell, 21, true);
        Var[] b = new Var[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Var.leaf(a[i].value().copy(), true);
        }
        Var fast = fused(List.of(a), cell);
        Var slow = composed(cell, b[0], b[1], b[2], b[3], b[4]);
        assertClose(fast.value(), slow.value(), 1e-5f, "output");
        Tensor seed = GradCheck.normal(new Rng(5), BATCH, STEPS, HIDDEN);
        fast.backward(seed, null);
        slow.backward(seed, null);
        String[] names = {"x", "weight_ih", "weight_hh", "bias_ih", "bias_hh"};
        for (int i = 0; i < a.length; i++) {
            assertClose(a[i].grad(), b[i].grad(), 1e-4f, "grad of " + names[i]);
        }
    }

    /** The PyTorch equations, one step at a time, from linear/slice/elementwise ops. */
    private static Var composed(RecurrentCell cell, Var x, Var wih, Var whh, Var bih, Var bhh) {
        Var h = Var.constant(Tensor.zeros(BATCH, HIDDEN));
        Var c = Var.constant(Tensor.zeros(BATCH, HIDDEN));
        Var[] outs = new Var[STEPS];
        for (int t = 0; t < STEPS; t++) {
            Var xt = ShapeOps.reshape(ShapeOps.slice(x, 1, t, t + 1), BATCH, IN);
            Var ai = MatrixOps.linear(xt, wih, bih);
            Var ah = MatrixOps.linear(h, whh, bhh);
            switch (cell) {
                case RNN_TANH -> h = ElementwiseOps.activate(ElementwiseOps.add(ai, ah), new Activation.Tanh());
                case RNN_RELU -> h = ElementwiseOps.activate(ElementwiseOps.add(ai, ah), new Activation.ReLU());
                case LSTM -> {
                    Var a = ElementwiseOps.add(ai, ah);
                    Var i = ElementwiseOps.activate(gate(a, 0), new Activation.Sigmoid());
                    Var f = ElementwiseOps.activate(gate(a, 1), new Activation.Sigmoid());
                    Var g = ElementwiseOps.activate(gate(a, 2), new Activation.Tanh());
                    Var o = ElementwiseOps.activate(gate(a, 3), new Activation.Sigmoid());
                    c = ElementwiseOps.add(ElementwiseOps.mul(f, c), ElementwiseOps.mul(i, g));
                    h = ElementwiseOps.mul(o, ElementwiseOps.activate(c, new Activation.Tanh()));
                }
                case GRU -> {
                    Var r = ElementwiseOps.activate(ElementwiseOps.add(gate(ai, 0), gate(ah, 0)),
                            new Activation.Sigmoid());
                    Var z = ElementwiseOps.activate(ElementwiseOps.add(gate(ai, 1), gate(ah, 1)),
                            new Activation.Sigmoid());
                    Var n = ElementwiseOps.activate(ElementwiseOps.add(gate(ai, 2),
                            ElementwiseOps.mul(r, gate(ah, 2))), new Activation.Tanh());
                    h = ElementwiseOps.add(ElementwiseOps.mul(ElementwiseOps.affine(z, -1f, 1f), n),
                            ElementwiseOps.mul(z, h));
                }
            }
            outs[t] = ShapeOps.reshape(h, BATCH, 1, HIDDEN);
        }
        return ShapeOps.concat(1, outs);
    }

    private static Var gate(Var a, int k) {
        return ShapeOps.slice(a, 1, k * HIDDEN, (k + 1) * HIDDEN);
    }

    private static void assertClose(Tensor actual, Tensor expected, float tol, String what) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        float[] a = actual.data();
        float[] e = expected.data();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as(what + " at " + i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(tol));
        }
    }

    /**
     * With batch 17 the LSTM kernel splits each step's rows over the thread pool (blocks of at least
     * {@code MIN_ROWS_PER_BLOCK} rows); every sample must come out as when it runs alone on one thread, and the
     * weight gradients must be the sum of the per-sample ones.
     */
    @Test
    void lstmRowsSplitOverThreadsMatchEachSampleAlone() {
        int batch = 17;
        int steps = 4;
        int gh = 4 * HIDDEN;
        Rng rng = new Rng(31);
        Tensor x = GradCheck.normal(rng, batch, steps, IN);
        Tensor seed = GradCheck.normal(rng, batch, steps, HIDDEN);
        Tensor[] w = {GradCheck.normal(rng, gh, IN), GradCheck.normal(rng, gh, HIDDEN), GradCheck.normal(rng, gh),
            GradCheck.normal(rng, gh)};
        Var[] all = withX(x, w);
        Var out = fused(List.of(all), RecurrentCell.LSTM);
        out.backward(seed, null);
        float[] sum = new float[w[1].numel()];
        for (int s = 0; s < batch; s++) {
            Var[] one = withX(rows(x, s), w);
            Var o = fused(List.of(one), RecurrentCell.LSTM);
            o.backward(rows(seed, s), null);
            assertClose(rows(out.value(), s), o.value(), 1e-6f, "output of sample " + s);
            assertClose(rows(all[0].grad(), s), one[0].grad(), 1e-5f, "dx of sample " + s);
            float[] g = one[2].grad().data();
            for (int i = 0; i < g.length; i++) {
                sum[i] += g[i];
            }
        }
        assertClose(all[2].grad(), Tensor.of(sum, gh, HIDDEN), 1e-4f, "grad of weight_hh");
    }

    private static Var[] withX(Tensor x, Tensor[] w) {
        return new Var[] {Var.leaf(x, true), Var.leaf(w[0].copy(), true), Var.leaf(w[1].copy(), true),
            Var.leaf(w[2].copy(), true), Var.leaf(w[3].copy(), true)};
    }

    /** Sample {@code s} of a {@code [batch, T, F]} tensor, as {@code [1, T, F]}. */
    private static Tensor rows(Tensor t, int s) {
        int per = t.dim(1) * t.dim(2);
        float[] d = new float[per];
        System.arraycopy(t.data(), s * per, d, 0, per);
        return Tensor.of(d, 1, t.dim(1), t.dim(2));
    }

    /** The kernels' exp-based tanh must round to the same float as Math.tanh, across and around its branches. */
    @Test
    void fastTanhRoundsLikeMathTanh() {
        Rng rng = new Rng(9);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) (rng.nextGaussian() * Math.pow(10, rng.uniform(-6, 1.5)));
            assertThat(RecurrentKernel.tanh(x)).as("tanh(%s)", x).isEqualTo((float) Math.tanh(x));
        }
        for (float x : new float[] {0f, -0f, 1e-30f, 4.99e-4f, 5e-4f, 5.01e-4f, -5e-4f, 9.1f, 20f, -50f, 1e30f}) {
            assertThat(RecurrentKernel.tanh(x)).as("tanh(%s)", x).isEqualTo((float) Math.tanh(x));
        }
        assertThat(RecurrentKernel.tanh(Float.POSITIVE_INFINITY)).isEqualTo(1f);
        assertThat(RecurrentKernel.tanh(Float.NaN)).isNaN();
    }

    /** The branch-free sigmoid against the two-branch one of Activation.Sigmoid, to one float ulp, and its tails. */
    @Test
    void branchFreeSigmoidMatchesActivationSigmoid() {
        Rng rng = new Rng(10);
        Activation.Sigmoid reference = new Activation.Sigmoid();
        for (int i = 0; i < 200_000; i++) {
            float x = (float) (rng.nextGaussian() * 20);
            float want = reference.apply(x);
            assertThat(RecurrentKernel.sigmoid(x)).as("sigmoid(%s)", x)
                    .isCloseTo(want, org.assertj.core.data.Offset.offset(Math.ulp(want)));
        }
        assertThat(RecurrentKernel.sigmoid(-1e30f)).isEqualTo(0f);
        assertThat(RecurrentKernel.sigmoid(1e30f)).isEqualTo(1f);
        assertThat(RecurrentKernel.sigmoid(-100f)).isEqualTo((float) Math.exp(-100)).isPositive();
    }

    @Test
    void noGraphIsRecordedUnderNoGrad() {
        Var[] v = leaves(RecurrentCell.LSTM, 3, true);
        Var out;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            out = fused(List.of(v), RecurrentCell.LSTM);
        }
        assertThat(out.requiresGrad()).isFalse();
        assertThat(out.inputs()).isEmpty();
        assertThat(out.label()).isEqualTo("lstm");
    }

    @Test
    void singleStepAndEmptyBatchAreFine() {
        Rng rng = new Rng(4);
        Var x = GradCheck.randn(rng, 2, 1, IN);
        Var wih = scaled(rng, 0.5f, 3 * HIDDEN, IN);
        Var whh = scaled(rng, 0.5f, 3 * HIDDEN, HIDDEN);
        GradCheck.defaults().check("gru T=1", v -> RecurrentOps.layer(v.get(0), v.get(1), v.get(2), null, null,
                RecurrentCell.GRU), x, wih, whh);
        Var empty = Var.leaf(Tensor.zeros(0, 4, IN), true);
        Var out = RecurrentOps.layer(empty, wih, whh, null, null, RecurrentCell.GRU);
        assertThat(out.shape()).containsExactly(0, 4, HIDDEN);
    }

    @Test
    void shapeErrorsNameTheOpLayerAndShapes() {
        Var[] v = leaves(RecurrentCell.LSTM, 1, true);
        Var flat = Var.leaf(Tensor.zeros(BATCH, IN), true);
        try (GradMode.Scope ignored = OpScope.enter("layers.0")) {
            assertThatThrownBy(() -> RecurrentOps.layer(flat, v[1], v[2], v[3], v[4], RecurrentCell.LSTM))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Layer 'layers.0' (lstm) expects input [batch, T, 2] but got [3, 2]");
        }
        assertThatThrownBy(() -> RecurrentOps.layer(v[0], v[1], v[2], v[3], v[4], RecurrentCell.GRU))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(gru) expects weight_hh [9, 3] (3 gates of 3)").hasMessageEndingWith("[12, 3]");
        Var badBias = Var.leaf(Tensor.zeros(5), true);
        assertThatThrownBy(() -> RecurrentOps.layer(v[0], v[1], v[2], badBias, v[4], RecurrentCell.LSTM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bias_ih [12]").hasMessageEndingWith("[5]");
        assertThatThrownBy(() -> RecurrentOps.layer(v[0], v[1], v[2], v[3], null, RecurrentCell.LSTM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bias_ih and bias_hh must both be given");
    }
}
