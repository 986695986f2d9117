package io.gradguard.cli.guard;

import io.gradguard.guard.ParamView;
import io.gradguard.nn.Parameter;
import io.gradguard.tensor.Tensor;

/** An engine {@link Parameter} seen by the guard: live arrays, no copies. */
record EngineParamView(Parameter parameter, String name, int[] shape) implements ParamView {
    static EngineParamView of(String name, Parameter p) {
        return new EngineParamView(p, name, p.shape());
    }

    @Override
    public float[] values() {
        return parameter.value().data();
    }

    @Override
    public float[] grad() {
        Tensor g = parameter.grad();
        return g == null ? null : g.data();
    }
}
