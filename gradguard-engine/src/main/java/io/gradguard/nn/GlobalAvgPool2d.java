package io.gradguard.nn;

import io.gradguard.autograd.PoolOps;
import io.gradguard.autograd.Var;

/**
 * {@code [N, C, H, W] -> [N, C]}: each channel's mean over its plane, as {@code nn.AdaptiveAvgPool2d(1)}
 * followed by {@code nn.Flatten()} (the head of ResNet and Network in Network, Lin, Chen and Yan 2013).
 */
public final class GlobalAvgPool2d extends Module {
    @Override
    protected Var compute(Var x) {
        return PoolOps.globalAvgPool2d(x);
    }

    @Override
    public String toString() {
        return "GlobalAvgPool2d()";
    }
}
