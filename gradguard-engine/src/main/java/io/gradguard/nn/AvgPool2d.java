package io.gradguard.nn;

import io.gradguard.autograd.ConvOps;
import io.gradguard.autograd.PoolOps;
import io.gradguard.autograd.Var;

/**
 * Average pooling over NCHW input ({@code torch.nn.AvgPool2d(kernel_size, stride=kernel_size, padding=0)},
 * {@code ceil_mode=False, count_include_pad=True}); see {@link PoolOps#avgPool2d} for the rule and its gradient.
 */
public final class AvgPool2d extends Module {
    private final ConvOps.Window window;

    /** {@code AvgPool2d(kernel_size)}: stride equal to the kernel, no padding. */
    public AvgPool2d(int kernelSize) {
        this(ConvOps.Window.of(kernelSize, kernelSize, 0));
    }

    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(ConvOps.Window.of(kernelSize, stride, padding));
    }

    public AvgPool2d(ConvOps.Window window) {
        this.window = java.util.Objects.requireNonNull(window, "window");
        PoolOps.checkPadding("avg_pool2d", window);
    }

    public ConvOps.Window window() {
        return window;
    }

    @Override
    protected Var compute(Var x) {
        return PoolOps.avgPool2d(x, window);
    }

    @Override
    public String toString() {
        return "AvgPool2d(" + window + ")";
    }
}
