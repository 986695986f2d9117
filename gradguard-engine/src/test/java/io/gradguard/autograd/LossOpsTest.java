package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossOpsTest {
    private final GradCheck check = GradCheck.defaults();

    @Test
    void mseGradients() {
        Rng rng = new Rng(1);
        Tensor target = GradCheck.normal(rng, 4, 3);
        check.check("mse_loss", in -> LossOps.mse(in.get(0), target), GradCheck.randn(rng, 4, 3));
    }

    @Test
    void bceWithLogitsGradientsWithHardAndSoftTargets() {
        Rng rng = new Rng(2);
        Tensor target = Tensor.of(new float[] {0, 1, 1, 0, 0.3f, 0.9f}, 2, 3);
        check.check("bce_with_logits", in -> LossOps.bceWithLogits(in.get(0), target), GradCheck.randn(rng, 2, 3));
    }

    @Test
    void crossEntropyGradients() {
        Tensor labels = Tensor.of(new float[] {0, 3, 1, 4}, 4);
        check.check("cross_entropy", in -> LossOps.crossEntropy(in.get(0), labels), GradCheck.randn(new Rng(3), 4, 5));
    }

    @Test
    void softmaxGradients() {
        check.check("softmax", in -> LossOps.softmax(in.get(0)), GradCheck.randn(new Rng(4), 3, 4));
        check.check("softmax 3-D", in -> LossOps.softmax(in.get(0)), GradCheck.randn(new Rng(5), 2, 3, 4));
    }

    @Test
    void logSoftmaxGradients() {
        check.check("log_softmax", in -> LossOps.logSoftmax(in.get(0)), GradCheck.randn(new Rng(6), 3, 4));
    }

    @Test
    void valuesByHand() {
        // mse: ((1-1)^2 + (2-1)^2 + (3-1)^2) / 3 = 5/3
        Var p = Var.constant(Tensor.of(new float[] {1, 2, 3}, 3));
        assertThat(LossOps.mse(p, Tensor.full(1f, 3)).item()).isCloseTo(5f / 3, within(1e-7f));
        // bce_with_logits(0, 1) = log(1 + e^0) = log 2
        Var zero = Var.constant(Tensor.zeros(1));
        assertThat(LossOps.bceWithLogits(zero, Tensor.full(1f, 1)).item()).isCloseTo(0.6931472f, within(1e-7f));
        // cross_entropy([0, log 3], 1) = log(1 + 3) - log 3 = log(4/3) = 0.2876821
        Var logits = Var.constant(Tensor.matrix(new float[][] {{0f, (float) Math.log(3)}}));
        assertThat(LossOps.crossEntropy(logits, Tensor.of(new float[] {1}, 1)).item())
                .isCloseTo(0.2876821f, within(1e-6f));
        // softmax([0, log 3]) = [1/4, 3/4]
        assertThat(LossOps.softmax(logits).value().data()).containsExactly(new float[] {0.25f, 0.75f},
                within(1e-7f));
    }

    @Test
    void softmaxFamilyIsStableForLogitsOfPlusMinus1000() {
        Var x = Var.leaf(Tensor.matrix(new float[][] {{1000f, -1000f, 0f}, {-1000f, 1000f, 0f}}), true);
        // softmax: the row maximum takes everything
        assertThat(LossOps.softmax(x).value().data()).containsExactly(1f, 0f, 0f, 0f, 1f, 0f);
        // log_softmax = x - max - log(1 + e^-1000 + e^-2000) = x - 1000
        assertThat(LossOps.logSoftmax(x).value().data()).containsExactly(0f, -2000f, -1000f, -2000f, 0f, -1000f);
        // labels [1, 1]: row 0 loses 1000 - (-1000) = 2000, row 1 loses 0; mean 1000
        Var loss = LossOps.crossEntropy(x, Tensor.of(new float[] {1, 1}, 2));
        assertThat(loss.item()).isEqualTo(1000f);
        loss.backward();
        // (softmax - onehot) / batch: row 0 [1, -1, 0] / 2, row 1 [0, 0, 0]
        assertThat(x.grad().data()).containsExactly(0.5f, -0.5f, 0f, 0f, 0f, 0f);
    }

    @Test
    void bceWithLogitsIsStableForLogitsOfPlusMinus100() {
        Var x = Var.leaf(Tensor.of(new float[] {100f, -100f, 100f, -100f}, 4), true);
        // per element: max(x,0) - x t + log(1 + e^-|x|): [100, 100, ~3.7e-44, ~3.7e-44]; mean 50
        Var loss = LossOps.bceWithLogits(x, Tensor.of(new float[] {0, 1, 1, 0}, 4));
        assertThat(loss.item()).isEqualTo(50f);
        loss.backward();
        // (sigmoid(x) - t) / 4; the last is sigmoid(-100) / 4 = 9.3e-45, a float32 subnormal
        assertThat(x.grad().data()).containsExactly(new float[] {0.25f, -0.25f, 0f, 0f}, within(1e-40f));
    }

    @Test
    void invalidTargetsAreRejectedNamingShapesAndLabels() {
        Var logits = Var.constant(Tensor.zeros(2, 3));
        assertThatThrownBy(() -> LossOps.crossEntropy(logits, Tensor.of(new float[] {0, 3}, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross_entropy: label 3.0 at row 1 is not a class index in [0, 3)");
        assertThatThrownBy(() -> LossOps.crossEntropy(logits, Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(cross_entropy) expects labels [2] but got [3]");
        assertThatThrownBy(() -> LossOps.mse(logits, Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("(mse_loss) expects a target of shape [2, 3] but got [3, 2]");
    }
}
