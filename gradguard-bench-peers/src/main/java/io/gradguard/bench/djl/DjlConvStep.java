package io.gradguard.bench.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.gradguard.bench.peers.StepRunner;
import java.util.List;

/**
 * The {@code conv} workload in libtorch: DJL's {@code Conv2d} (3x3, 64 filters, stride 1, padding 1, bias),
 * which calls {@code torch.conv2d}, on a {@code [64, 32, 32, 32]} input that requires a gradient; backward
 * from a fixed upstream gradient {@code dY} ({@code y.backward(dY)} in PyTorch, through
 * {@link JniUtils#backward}), which computes dW, db and dX; then the three gradients are zeroed.
 */
final class DjlConvStep implements StepRunner {
    private final NDManager manager;
    private final Block conv;
    private final ParameterStore store;
    private final List<NDArray> weights;
    private final NDArray x;
    private final NDArray seed;

    DjlConvStep() {
        Engine.getEngine(DjlPeer.ENGINE).setRandomSeed(11);
        manager = NDManager.newBaseManager(Device.cpu(), DjlPeer.ENGINE);
        conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(1, 1))
                .optPadding(new Shape(1, 1)).setFilters(64).build();
        conv.initialize(manager, DataType.FLOAT32, new Shape(64, 32, 32, 32));
        store = new ParameterStore(manager, false);
        weights = conv.getParameters().values().stream().map(Parameter::getArray).toList();
        x = manager.randomUniform(-1, 1, new Shape(64, 32, 32, 32));
        x.setRequiresGradient(true);
        seed = manager.randomUniform(-1, 1, new Shape(64, 64, 32, 32));
    }

    @Override
    public double run() {
        backward(manager, conv, store, x, seed);
        for (NDArray w : weights) {
            JniUtils.zeroGrad((PtNDArray) w);
        }
        JniUtils.zeroGrad((PtNDArray) x);
        return Double.NaN;
    }

    /**
     * Forward {@code block} on {@code x} with gradients recorded, then backward from {@code seed}; the step's
     * tensors live in a sub-manager closed before returning.
     */
    static void backward(NDManager manager, Block block, ParameterStore store, NDArray x, NDArray seed) {
        try (NDManager step = manager.newSubManager()) {
            x.tempAttach(step);
            try (GradientCollector gc = Engine.getEngine(DjlPeer.ENGINE).newGradientCollector()) {
                NDArray y = block.forward(store, new NDList(x), true).head();
                JniUtils.backward((PtNDArray) y, (PtNDArray) seed, false, false);
            }
        }
    }

    @Override
    public long parameters() {
        return weights.stream().mapToLong(NDArray::size).sum();
    }

    @Override
    public void close() {
        manager.close();
    }
}
