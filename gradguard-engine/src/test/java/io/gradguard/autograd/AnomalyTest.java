package io.gradguard.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Network;
import io.gradguard.nn.Sequential;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AnomalyTest {
    @Test
    void namesTheFirstForwardOpAndLayerThatOverflows() {
        Rng rng = new Rng(1);
        Network net = new Network(new Sequential(new Dense(2, 2, true, rng),
                new ActivationLayer(new Activation.ReLU()), new Dense(2, 1, true, rng)));
        // Layer 2's weights of 3e38 push its output past float32's maximum (3.4e38): +Inf.
        net.layers().layers().get(2).localParameters().get("weight").value().fill(3e38f);
        net.layers().layers().get(0).localParameters().get("weight").value().fill(1f);
        Var x = Var.constant(Tensor.matrix(new float[][] {{1, 1}}));
        try (Anomaly.Trace t = Anomaly.start()) {
            ReduceOps.sum(net.forward(x)).backward();
            assertThat(t.first()).isEqualTo("forward: op 'linear' in layer 'layers.2' produced NaN/Inf from finite inputs");
        }
    }

    @Test
    void namesTheFirstBackwardOpThatOverflows() {
        // Forward values stay finite (1e-38 * 1e38 = 1, then 1 * 1e38), but the gradient reaching x is
        // d * c = 1e38 * 1e38 = Inf: the backward rule of the first 'mul' is where it happens.
        Var x = Var.leaf(Tensor.full(1e-38f, 1), true);
        Var c = Var.constant(Tensor.full(1e38f, 1));
        Var d = Var.constant(Tensor.full(1e38f, 1));
        Var loss;
        try (GradMode.Scope ignored = OpScope.enter("block")) {
            loss = ReduceOps.sum(ElementwiseOps.mul(ElementwiseOps.mul(x, c), d));
        }
        try (Anomaly.Trace t = Anomaly.start()) {
            loss.backward(Tensor.full(1f, loss.shape()), t.observer());
            assertThat(Float.isInfinite(x.grad().data()[0])).isTrue();
            assertThat(t.first()).isEqualTo("backward: op 'mul' in layer 'block' turned a finite gradient into NaN/Inf");
        }
    }

    @Test
    void silentWhenEverythingIsFiniteAndOffOutsideATrace() {
        Var x = Var.leaf(Tensor.full(2f, 3), true);
        try (Anomaly.Trace t = Anomaly.start()) {
            ReduceOps.sum(ElementwiseOps.mul(x, x)).backward();
            assertThat(t.first()).isNull();
        }
        // Outside a trace a non-finite op is not checked (and costs nothing).
        Var y = Var.leaf(Tensor.full(Float.MAX_VALUE, 1), true);
        assertThat(ElementwiseOps.mul(y, y).value().data()[0]).isInfinite();
    }
}
