package io.gradguard.bench.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The {@code conv} workload in libtorch: DJL's {@code Conv2d} (3x3, 64 filters, stride 1, padding 1, bias),
 * which calls {@code torch.conv2d}, on a {@code [64, 32, 32, 32]} input that requires a gradient; backward
 * from a fixed upstream gradient {@code dY} ({@code y.backward(dY)} in PyTorch, through
 * {@link JniUtils#backward}), which computes dW, db and dX; then the three gradients are zeroed.
 */
final class DjlConvStep extends DjlBackwardStep {
    DjlConvStep() {
        super(11, Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(1, 1))
                .optPadding(new Shape(1, 1)).setFilters(64).build(), new Shape(64, 32, 32, 32), new Shape(64, 64, 32, 32));
    }
}
