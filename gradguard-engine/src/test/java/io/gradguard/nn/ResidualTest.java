package io.gradguard.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.autograd.Activation;
import io.gradguard.autograd.GradCheck;
import io.gradguard.autograd.LossOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ResidualTest {
    private final GradCheck check = GradCheck.defaults();

    private void checkModule(String what, Module m, Var x) {
        List<Var> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(m.parameters());
        check.check(what, in -> m.forward(in.get(0)), inputs.toArray(new Var[0]));
    }

    private static ActivationLayer tanh() {
        return new ActivationLayer(new Activation.Tanh());
    }

    private static ActivationLayer relu() {
        return new ActivationLayer(new Activation.ReLU());
    }

    @Test
    void addsTheBlockToItsInputOrToItsProjection() {
        Rng rng = new Rng(1);
        Dense block = new Dense(3, 3, true, rng);
        Residual r = new Residual(block);
        Var x = Var.constant(GradCheck.normal(rng, 2, 3));
        float[] fx = block.forward(x).value().data();
        float[] y = r.forward(x).value().data();
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).isEqualTo(x.value().data()[i] + fx[i]);
        }
        Dense widen = new Dense(3, 5, true, rng);
        Dense proj = new Dense(3, 5, false, rng);
        float[] p = new Residual(widen, proj).forward(x).value().data();
        float[] wx = widen.forward(x).value().data();
        float[] px = proj.forward(x).value().data();
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).isEqualTo(px[i] + wx[i]);
        }
    }

    @Test
    void childrenAreNamedBlockAndProjection() {
        Rng rng = new Rng(2);
        Network net = new Network(new Sequential(new Residual(new Sequential(new Dense(4, 6, true, rng), tanh()),
                new Dense(4, 6, false, rng))));
        assertThat(net.namedParameters().keySet()).containsExactly("layers.0.block.0.weight", "layers.0.block.0.bias",
                "layers.0.projection.weight");
        assertThat(net.describe()).contains("(0): Residual(projection shortcut)", "(block): Sequential",
                "(projection): Dense(in=4, out=6, bias=false)");
    }

    /** Block and projection with batch norm inside, so training and evaluation really differ. */
    @Test
    void gradientsWithAndWithoutProjectionInTrainingAndEvaluation() {
        Rng rng = new Rng(3);
        Residual identity = new Residual(new Sequential(new Dense(4, 4, true, rng), new BatchNorm1d(4), tanh()));
        Residual projected = new Residual(new Sequential(new Dense(4, 6, true, rng), new BatchNorm1d(6), tanh()),
                new Dense(4, 6, false, rng));
        for (Residual r : List.of(identity, projected)) {
            String name = r.projection() == null ? "identity" : "projection";
            r.train(true);
            checkModule("Residual " + name + " train", r, GradCheck.randn(rng, 5, 4));
            r.eval();
            checkModule("Residual " + name + " eval", r, GradCheck.randn(rng, 5, 4));
        }
    }

    @Test
    void worksOnImagesWithAShapeKeepingBlock() {
        Residual r = new Residual(new BatchNorm2d(3));
        Var x = GradCheck.randn(new Rng(4), 2, 3, 2, 2);
        assertThat(r.forward(x).shape()).containsExactly(2, 3, 2, 2);
        checkModule("Residual(BatchNorm2d)", r, x);
    }

    @Test
    void aShapeChangingBlockWithoutProjectionIsAShapeError() {
        Rng rng = new Rng(5);
        Network net = new Network(new Sequential(new Dense(8, 64, true, rng), relu(), new Dense(64, 64, true, rng),
                new Residual(new Dense(64, 128, true, rng))));
        assertThatThrownBy(() -> net.forward(Var.constant(Tensor.zeros(32, 8))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.3' (residual) expects block output [*, 64] to match its input but got"
                        + " [32, 128]; add a projection");
        Network bad = new Network(new Sequential(new Residual(new Dense(64, 128, true, rng),
                new Dense(64, 100, false, rng))));
        assertThatThrownBy(() -> bad.forward(Var.constant(Tensor.zeros(32, 64))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.0' (residual) expects block output [*, 100] to match its projection's"
                        + " output but got [32, 128]");
    }

    /**
     * Euclidean norm of the first layer's weight gradient at PyTorch's default initialisation, for a stem
     * {@code Dense(8, 32)}, 50 hidden blocks {@code Dense(32, 32) + act} (plain, or each wrapped in a
     * {@link Residual}; with {@code batchNorm}, {@code Dense + BatchNorm1d + act}), and a head
     * {@code Dense(32, 1)}, under an MSE loss in training mode. Built from the same seed in the
     * same order, the two networks have identical weights: only the shortcuts differ.
     */
    private static double firstLayerGradNorm(boolean residual, Supplier<Module> act, boolean batchNorm) {
        Rng rng = new Rng(2024);
        Dense stem = new Dense(8, 32, true, rng);
        Sequential s = new Sequential(stem);
        for (int i = 0; i < 50; i++) {
            Sequential block = batchNorm ? new Sequential(new Dense(32, 32, true, rng), new BatchNorm1d(32), act.get())
                    : new Sequential(new Dense(32, 32, true, rng), act.get());
            s.add(residual ? new Residual(block) : block);
        }
        s.add(new Dense(32, 1, true, rng));
        Rng data = new Rng(7);
        Var x = Var.constant(GradCheck.normal(data, 16, 8));
        Tensor y = GradCheck.normal(data, 16, 1);
        LossOps.mse(new Network(s).forward(x), y).backward();
        double ss = 0;
        for (float g : stem.weight().grad().data()) {
            ss += (double) g * g;
        }
        return Math.sqrt(ss);
    }

    /**
     * The seeds' shortcut claim: with U(-1/sqrt(32), 1/sqrt(32)) weights each plain layer multiplies the
     * backward signal by about sqrt(32 * Var(w)) = sqrt(1/3) times tanh' (or ReLU's 1/2 of the units), so
     * 50 of them leave ~1e-12 of it; the residual path adds the identity to every block's Jacobian.
     */
    @Test
    void shortcutsKeepTheFirstLayerGradientAliveFiftyBlocksDeep() {
        // measured: tanh plain 1.6e-13, residual 4.7e1; ReLU plain 1.4e-21, residual 4.3e8
        for (Supplier<Module> act : List.<Supplier<Module>>of(ResidualTest::tanh, ResidualTest::relu)) {
            double plain = firstLayerGradNorm(false, act, false);
            double res = firstLayerGradNorm(true, act, false);
            String what = act.get().toString();
            assertThat(plain).as(what + " plain").isLessThan(1e-6);
            assertThat(res).as(what + " residual").isGreaterThan(1e-2);
            assertThat(res / plain).as(what + " residual / plain").isGreaterThan(1e6);
        }
        // Shortcuts alone do not bound the gradient: without normalisation each ReLU block adds its own
        // variance (Var grows by about 1 + 1/6 per block), and fifty of them explode it.
        assertThat(firstLayerGradNorm(true, ResidualTest::relu, false)).isGreaterThan(1e6);
    }

    /**
     * The seeds' batch-norm claim on the same stacks: normalising every block's pre-activation rescues the
     * plain tanh stack from vanishing and tames the exploding ReLU residual stack (measured: tanh plain
     * 2.0e2, ReLU residual 2.5e2).
     */
    @Test
    void batchNormInEveryBlockKeepsTheDeepGradientInAUsefulRange() {
        assertThat(firstLayerGradNorm(false, ResidualTest::tanh, true)).isBetween(1.0, 1e4);
        assertThat(firstLayerGradNorm(true, ResidualTest::relu, true)).isBetween(1.0, 1e4);
    }
}
