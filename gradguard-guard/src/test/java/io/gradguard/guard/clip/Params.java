package io.gradguard.guard.clip;

import io.gradguard.guard.ParamView;

/** Small parameter fixtures for the clip tests. */
final class Params {
    private Params() {
    }

    /** A rank-1 parameter with zero values and the given gradient. */
    static ParamView vec(String name, float... grad) {
        return ParamView.of(name, new int[] {grad.length}, new float[grad.length], grad);
    }

    /** A parameter of the given shape, values and gradient. */
    static ParamView of(String name, int[] shape, float[] values, float[] grad) {
        return ParamView.of(name, shape, values, grad);
    }

    /** A rank-1 parameter that received no gradient this step. */
    static ParamView noGrad(String name, int n) {
        return ParamView.of(name, new int[] {n}, new float[n], null);
    }
}
