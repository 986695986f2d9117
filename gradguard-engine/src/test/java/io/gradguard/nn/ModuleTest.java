package io.gradguard.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.autograd.Activation;
import io.gradguard.autograd.OpScope;
import io.gradguard.autograd.ReduceOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ModuleTest {
    /** Dense(3, 4), ReLU, Dense(4, 2) under {@code layers}. */
    private static Network mlp() {
        Rng rng = new Rng(1);
        return new Network(new Sequential(new Dense(3, 4, true, rng), new ActivationLayer(new Activation.ReLU()),
                new Dense(4, 2, true, rng)));
    }

    @Test
    void parametersAreNamedByTheirPathLikeAStateDict() {
        Network net = mlp();
        assertThat(net.namedParameters().keySet())
                .containsExactly("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias");
        assertThat(net.namedParameters().get("layers.2.bias").shape()).containsExactly(2);
        assertThat(net.namedModules().keySet()).containsExactly("", "layers", "layers.0", "layers.1", "layers.2");
        // 4*3 + 4 + 2*4 + 2
        assertThat(net.parameterCount()).isEqualTo(26);
        Parameter w = net.namedParameters().get("layers.0.weight");
        assertThat(w.localName()).isEqualTo("weight");
        assertThat(w.owner()).isSameAs(net.layers().layers().get(0));
        assertThat(w).hasToString("Parameter(layers.0.weight, [4, 3])");
        assertThat(net.layers().layers().get(2).localParameters().keySet()).containsExactly("weight", "bias");
    }

    @Test
    void describePrintsTheTreeLikePyTorch() {
        assertThat(mlp().describe()).isEqualTo("""
                Network
                  (layers): Sequential
                    (0): Dense(in=3, out=4, bias=true)
                    (1): Activation(ReLU[])
                    (2): Dense(in=4, out=2, bias=true)
                """);
    }

    @Test
    void trainAndEvalPropagateToEveryModule() {
        Network net = mlp();
        assertThat(net.namedModules().values()).allMatch(Module::isTraining);
        net.eval();
        assertThat(net.namedModules().values()).noneMatch(Module::isTraining);
        net.layers().train(true);
        assertThat(net.isTraining()).isFalse();
        assertThat(net.layers().layers()).allMatch(Module::isTraining);
    }

    /** A module registering whatever it is told to, to exercise the registry. */
    private static final class Holder extends Module {
        @Override
        protected Var compute(Var x) {
            return x;
        }

        void child(String name, Module m) {
            register(name, m);
        }

        void param(String name) {
            parameter(name, Tensor.zeros(1));
        }
    }

    @Test
    void duplicateNamesAreRejected() {
        Holder h = new Holder();
        h.child("a", new Holder());
        assertThatThrownBy(() -> h.child("a", new Holder())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Holder: duplicate name 'a'");
        assertThatThrownBy(() -> h.param("a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Holder: duplicate name 'a'");
        h.param("w");
        assertThatThrownBy(() -> h.child("w", new Holder())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Holder: duplicate name 'w'");
    }

    @Test
    void aModuleCannotBeRegisteredTwice() {
        Dense d = new Dense(2, 2, true, new Rng(1));
        new Sequential(d, new ActivationLayer(new Activation.Tanh()));
        assertThatThrownBy(() -> new Sequential(new ActivationLayer(new Activation.Tanh()), d))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("module Dense is already registered as '0'");
    }

    @Test
    void shapeErrorNamesTheLayerAndBothShapes() {
        Rng rng = new Rng(2);
        Network net = new Network(new Sequential(new Dense(2, 5, true, rng),
                new ActivationLayer(new Activation.ReLU()), new Dense(4, 1, true, rng)));
        Var x = Var.constant(Tensor.zeros(3, 2));
        assertThatThrownBy(() -> net.forward(x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer 'layers.2' (linear) expects input [*, 4] but got [3, 5]");
        assertThat(OpScope.current()).isEmpty();
    }

    @Test
    void opsCarryTheirLayerPath() {
        Network net = mlp();
        Var y = net.forward(Var.constant(Tensor.full(0.5f, 2, 3)));
        assertThat(y.label()).isEqualTo("linear");
        assertThat(y.scope()).isEqualTo("layers.2");
        assertThat(y.inputs().get(0).scope()).isEqualTo("layers.1");
        assertThat(y.inputs().get(0).label()).isEqualTo("relu");
    }

    @Test
    void backwardFillsEveryParameterAndZeroGradClearsThem() {
        Network net = mlp();
        ReduceOps.sumSquares(net.forward(Var.constant(Tensor.full(1f, 2, 3)))).backward();
        assertThat(net.parameters()).allMatch(p -> p.grad() != null);
        net.zeroGrad();
        for (Parameter p : net.parameters()) {
            assertThat(p.grad().data()).as(p.name()).containsOnly(0f);
        }
    }

    @Test
    void denseUsesTorchsDefaultInitBounds() {
        // nn.Linear: weight and bias ~ U(-1/sqrt(in), 1/sqrt(in)); in = 16 gives 0.25
        Dense d = new Dense(16, 32, true, new Rng(3));
        for (float v : d.weight().value().data()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(0.25f);
        }
        for (float v : d.bias().value().data()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo(0.25f);
        }
        assertThat(d.weight().shape()).containsExactly(32, 16);
        assertThat(new Dense(4, 2, false, new Rng(3)).bias()).isNull();
        assertThatThrownBy(() -> new Dense(0, 3, true, new Rng(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dense needs in > 0 and out > 0, got in=0, out=3");
    }
}
