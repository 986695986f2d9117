package io.gradguard.nn;

import io.gradguard.autograd.Activation;
import io.gradguard.autograd.GradCheck;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of every module's gradient with respect to its input and each parameter. */
class ModuleGradTest {
    private final GradCheck check = GradCheck.defaults();

    /** Checks {@code m.forward(x)} against its input and all of its parameters (perturbed in place). */
    private void checkModule(String what, Module m, Var x) {
        List<Var> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(m.parameters());
        check.check(what, in -> m.forward(in.get(0)), inputs.toArray(new Var[0]));
    }

    @Test
    void denseWithBias() {
        Rng rng = new Rng(1);
        checkModule("Dense(3, 4)", new Dense(3, 4, true, rng), GradCheck.randn(rng, 5, 3));
    }

    @Test
    void denseWithoutBias() {
        Rng rng = new Rng(2);
        Dense d = new Dense(4, 2, false, rng);
        checkModule("Dense(4, 2, bias=false)", d, GradCheck.randn(rng, 3, 4));
    }

    @Test
    void activationLayer() {
        // inputs 0.05 away from ReLU's kink
        Var x = GradCheck.randnAvoiding(new Rng(3), new double[] {0}, 0.05, 3, 4);
        checkModule("ReLU layer", new ActivationLayer(new Activation.ReLU()), x);
        checkModule("Tanh layer", new ActivationLayer(new Activation.Tanh()), x);
    }

    @Test
    void sequential() {
        Rng rng = new Rng(4);
        Sequential s = new Sequential(new Dense(3, 5, true, rng), new ActivationLayer(new Activation.Sigmoid()),
                new Dense(5, 2, true, rng));
        checkModule("Sequential", s, GradCheck.randn(rng, 4, 3));
    }

    /**
     * A three-layer network with smooth activations (tanh, and ELU with alpha 1, whose derivative is
     * continuous at 0), so no hidden unit can sit on a kink during the central difference.
     */
    @Test
    void network() {
        Rng rng = new Rng(5);
        Network net = new Network(new Sequential(new Dense(3, 6, true, rng),
                new ActivationLayer(new Activation.Tanh()), new Dense(6, 4, true, rng),
                new ActivationLayer(new Activation.ELU()), new Dense(4, 2, false, rng)));
        checkModule("Network", net, GradCheck.randn(rng, 5, 3));
    }

    @Test
    void networkThroughALoss() {
        Rng rng = new Rng(6);
        Network net = new Network(new Sequential(new Dense(4, 5, true, rng),
                new ActivationLayer(new Activation.Softplus()), new Dense(5, 3, true, rng)));
        io.gradguard.tensor.Tensor labels = io.gradguard.tensor.Tensor.of(new float[] {2, 0, 1}, 3);
        List<Var> inputs = new ArrayList<>();
        inputs.add(GradCheck.randn(rng, 3, 4));
        inputs.addAll(net.parameters());
        check.check("Network + cross_entropy", in -> new Loss.CrossEntropy().compute(net.forward(in.get(0)), labels),
                inputs.toArray(new Var[0]));
    }
}
