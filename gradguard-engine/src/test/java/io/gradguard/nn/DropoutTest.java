package io.gradguard.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.DropoutOps;
import io.gradguard.autograd.ElementwiseOps;
import io.gradguard.autograd.GradCheck;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private static Var ones(int... shape) {
        return Var.leaf(Tensor.full(1f, shape), true);
    }

    @Test
    void dropsAboutAFractionPAndScalesTheRestByOneOverOneMinusP() {
        Dropout d = new Dropout(0.3);
        d.reseed(new Rng(1));
        float[] y = d.forward(ones(1000, 100)).value().data();
        int zeros = 0;
        double sum = 0;
        for (float v : y) {
            if (v == 0f) {
                zeros++;
            } else {
                assertThat(v).isEqualTo((float) (1 / 0.7));
            }
            sum += v;
        }
        // 1e5 Bernoulli(0.3) draws: standard deviation sqrt(0.21 / 1e5) = 0.00145, so 0.01 is ~7 sigma
        assertThat(zeros / 1e5).isCloseTo(0.3, within(0.01));
        // inverted dropout keeps the expectation: mean of 1e5 values with sd 0.65 each, 0.02 is ~10 sigma
        assertThat(sum / 1e5).isCloseTo(1.0, within(0.02));
    }

    @Test
    void backwardPassesTheGradientThroughTheSameMask() {
        Dropout d = new Dropout(0.5);
        d.reseed(new Rng(2));
        Var x = ones(4, 8);
        Var y = d.forward(x);
        y.backward(Tensor.full(1f, 4, 8), null);
        // d(x * mask)/dx = mask, and y = mask for x = 1
        assertThat(x.grad().data()).containsExactly(y.value().data());
        assertThat(y.value().data()).containsOnly(0f, 2f);
    }

    @Test
    void evaluationAndPZeroAreTheIdentity() {
        Dropout d = new Dropout(0.5);
        d.eval();
        Var x = ones(3, 3);
        assertThat(d.forward(x)).as("eval needs no stream and returns its input").isSameAs(x);
        assertThat(new Dropout(0).forward(x)).isSameAs(x);
    }

    @Test
    void theMaskDrawsOneUniformPerElementInRowMajorOrder() {
        Tensor mask = DropoutOps.mask(new int[] {2, 5}, 0.4, new Rng(3));
        Rng same = new Rng(3);
        for (float m : mask.data()) {
            assertThat(m).isEqualTo(same.nextDouble() < 0.4 ? 0f : (float) (1 / 0.6));
        }
    }

    /** Two dropout layers, so the per-path streams can be told apart. */
    private static Network net() {
        Rng rng = new Rng(4);
        return new Network(new Sequential(new Dropout(0.5), new Dense(6, 6, true, rng), new Dropout(0.5)));
    }

    private static float[] run(Network n, long seed, long step) {
        Stochastic.reseedAll(n, new Rng(seed), step);
        return n.forward(Var.constant(Tensor.full(1f, 8, 6))).value().data();
    }

    @Test
    void sameSeedAndStepGiveTheSameMasksOtherwiseTheyDiffer() {
        Network a = net();
        Network b = net();
        float[] first = run(a, 42, 7);
        assertThat(run(b, 42, 7)).as("a fresh model, same seed and step").containsExactly(first);
        assertThat(run(a, 42, 7)).as("same model again: independent of earlier forwards").containsExactly(first);
        assertThat(run(a, 42, 8)).as("next step").isNotEqualTo(first);
        assertThat(run(a, 43, 7)).as("another seed").isNotEqualTo(first);
    }

    @Test
    void eachStochasticModuleGetsItsOwnStreamNamedByPathAndStep() {
        Dropout d = new Dropout(0.5);
        Network n = new Network(new Sequential(d));
        Rng root = new Rng(5);
        Stochastic.reseedAll(n, root, 12);
        float[] viaTrainer = d.forward(ones(10, 10)).value().data();
        d.reseed(root.fork("dropout").fork("layers.0@12"));
        assertThat(d.forward(ones(10, 10)).value().data()).containsExactly(viaTrainer);
        // two layers fed the same input draw different masks
        Dropout d1 = new Dropout(0.5);
        Dropout d2 = new Dropout(0.5);
        Stochastic.reseedAll(new Network(new Sequential(d1, d2)), root, 0);
        assertThat(d1.forward(ones(10, 10)).value().data()).isNotEqualTo(d2.forward(ones(10, 10)).value().data());
    }

    @Test
    void gradientWithAFixedMaskInTrainingAndEvaluation() {
        Dropout d = new Dropout(0.4);
        GradCheck check = GradCheck.defaults();
        Rng rng = new Rng(6);
        check.check("Dropout(0.4) train", in -> {
            d.reseed(new Rng(9)); // the same mask for the analytic pass and every perturbed evaluation
            return d.forward(in.get(0));
        }, GradCheck.randn(rng, 5, 4));
        d.eval();
        // eval returns its input, so wrap it in an op for the checker's leaf-only rule
        check.check("Dropout(0.4) eval", in -> ElementwiseOps.affine(d.forward(in.get(0)), 2, 0),
                GradCheck.randn(rng, 5, 4));
    }

    @Test
    void aTrainingForwardWithoutAStreamIsAnError() {
        Network n = new Network(new Sequential(new Dense(2, 2, true, new Rng(7)), new Dropout(0.1)));
        assertThatThrownBy(() -> n.forward(Var.constant(Tensor.zeros(1, 2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Layer 'layers.1' (dropout) has no random stream: call "
                        + "Stochastic.reseedAll(model, rng, step)");
    }

    @Test
    void pOutsideZeroToOneIsRejectedWithTheValue() {
        for (double p : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> new Dropout(p)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Dropout p must be in [0, 1), got " + p);
        }
        assertThat(new Dropout(0.25)).hasToString("Dropout(p=0.25)");
    }
}
