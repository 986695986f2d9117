package io.gradguard.nn;

import io.gradguard.autograd.ConvOps;
import io.gradguard.autograd.PoolOps;
import io.gradguard.autograd.Var;

/**
 * Max pooling over NCHW input ({@code torch.nn.MaxPool2d(kernel_size, stride=kernel_size, padding=0)},
 * {@code ceil_mode=False}); see {@link PoolOps#maxPool2d} for the rule and its gradient.
 */
public final class MaxPool2d extends Module {
    private final ConvOps.Window window;

    /** {@code MaxPool2d(kernel_size)}: stride equal to the kernel, no padding. */
    public MaxPool2d(int kernelSize) {
        this(ConvOps.Window.of(kernelSize, kernelSize, 0));
    }

    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(ConvOps.Window.of(kernelSize, stride, padding));
    }

    public MaxPool2d(ConvOps.Window window) {
        this.window = java.util.Objects.requireNonNull(window, "window");
        PoolOps.checkPadding("max_pool2d", window);
    }

    public ConvOps.Window window() {
        return window;
    }

    @Override
    protected Var compute(Var x) {
        return PoolOps.maxPool2d(x, window);
    }

    @Override
    public String toString() {
        return "MaxPool2d(" + window + ")";
    }
}
