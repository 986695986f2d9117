package io.gradguard.optim;

import io.gradguard.autograd.Var;
import io.gradguard.nn.Module;
import io.gradguard.nn.Network;
import io.gradguard.nn.Parameter;
import io.gradguard.nn.Sequential;
import io.gradguard.tensor.Tensor;
import java.util.List;

/** A test layer with a {@code weight} and a {@code bias} of chosen sizes, all ones unless set otherwise. */
final class Toy extends Module {
    final Parameter weight;
    final Parameter bias;

    Toy(int weights, int biases) {
        weight = parameter("weight", Tensor.full(1f, weights));
        bias = parameter("bias", Tensor.full(1f, biases));
    }

    /** A toy wrapped as {@code layers.0} of a network, so its parameters are {@code layers.0.weight/bias}. */
    static Toy inNetwork(int weights, int biases) {
        Toy t = new Toy(weights, biases);
        new Network(new Sequential(t));
        return t;
    }

    List<Parameter> params() {
        return List.of(weight, bias);
    }

    static void setGrad(Parameter p, float... g) {
        System.arraycopy(g, 0, p.gradBuffer().data(), 0, g.length);
    }

    static float[] w(Parameter p) {
        return p.value().data();
    }

    @Override
    protected Var compute(Var x) {
        return x;
    }
}
