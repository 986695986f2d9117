package io.gradguard.analysis;

import io.gradguard.autograd.Activation;
import io.gradguard.autograd.ElementwiseOps;
import io.gradguard.autograd.MatrixOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The seeds' one-neuron-per-layer network: {@code a_0 = x}, {@code z_j = w_j a_(j-1) + b_j},
 * {@code a_j = phi(z_j)}, and by the chain rule
 * {@code dC/db_1 = phi'(z_1) * prod_(j=2..L) w_j phi'(z_j) * dC/da_L} (Nielsen, "Neural Networks and Deep
 * Learning", ch. 5). The closed form is evaluated in double from the float32 parameters and compared with
 * the engine's float32 autograd value of the same chain.
 */
public final class ChainRule {
    private ChainRule() {
    }

    /** The chain's parameters; weights and biases have one entry per layer. */
    public record Chain(Activation phi, float[] weights, float[] biases, float x, float lossGrad) {
        public Chain {
            Objects.requireNonNull(phi, "phi");
            if (weights.length < 1) {
                throw new IllegalArgumentException("chain depth must be >= 1, got " + weights.length);
            }
            if (biases.length != weights.length) {
                throw new IllegalArgumentException("chain has " + weights.length + " weights but "
                        + biases.length + " biases");
            }
            weights = weights.clone();
            biases = biases.clone();
        }

        public int depth() {
            return weights.length;
        }
    }

    /**
     * Layer {@code j} (1-based): {@code z_j}, {@code phi'(z_j)}, its factor ({@code phi'(z_1)} for the
     * first layer, {@code w_j phi'(z_j)} after) and the running product of the factors up to {@code j}.
     */
    public record Layer(int j, double z, double a, double derivative, double factor, double runningProduct) {
    }

    /** The per-layer terms, the closed-form {@code dC/db_1}, the autograd value and their relative gap. */
    public record Result(List<Layer> layers, double closedForm, double autograd) {
        /** {@code |autograd - closed| / |closed|} (the absolute gap when the closed form is 0). */
        public double relativeDifference() {
            double d = Math.abs(autograd - closedForm);
            return closedForm == 0 ? d : d / Math.abs(closedForm);
        }
    }

    /** Both sides of the comparison. */
    public static Result analyze(Chain c) {
        List<Layer> layers = closedForm(c);
        double closed = layers.get(layers.size() - 1).runningProduct() * c.lossGrad();
        return new Result(layers, closed, autograd(c));
    }

    /** The per-layer terms in double precision. */
    public static List<Layer> closedForm(Chain c) {
        List<Layer> out = new ArrayList<>();
        double a = c.x();
        double product = 1;
        for (int j = 0; j < c.depth(); j++) {
            double z = (double) c.weights()[j] * a + c.biases()[j];
            a = Phi.apply(c.phi(), z);
            double d = Phi.derivative(c.phi(), z);
            double factor = j == 0 ? d : c.weights()[j] * d;
            product *= factor;
            out.add(new Layer(j + 1, z, a, d, factor, product));
        }
        return out;
    }

    /**
     * {@code dC/db_1} from the engine: each layer is {@code MatrixOps.linear} on a 1x1 weight and a [1] bias
     * followed by {@code ElementwiseOps.activate}; backward is seeded with {@code dC/da_L}.
     */
    public static double autograd(Chain c) {
        Var a = Var.constant(Tensor.full(c.x(), 1, 1));
        Var b1 = null;
        for (int j = 0; j < c.depth(); j++) {
            Var w = Var.leaf(Tensor.full(c.weights()[j], 1, 1), true);
            Var b = Var.leaf(Tensor.full(c.biases()[j], 1), true);
            if (j == 0) {
                b1 = b;
            }
            a = ElementwiseOps.activate(MatrixOps.linear(a, w, b), c.phi());
        }
        a.backward(Tensor.full(c.lossGrad(), 1, 1), null);
        return b1.grad().item();
    }
}
