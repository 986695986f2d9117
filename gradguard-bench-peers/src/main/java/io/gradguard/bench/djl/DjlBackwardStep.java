package io.gradguard.bench.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * Forward and backward of one block from a fixed upstream gradient ({@code y.backward(dY)} in PyTorch, through
 * {@link JniUtils#backward}), on an input in U(-1, 1) that requires a gradient, then every gradient (the
 * weights' and the input's) zeroed: the conv and LSTM workloads. No loss, so {@link #run()} returns NaN.
 */
abstract class DjlBackwardStep extends DjlBlockStep {
    private final NDArray x;
    private final NDArray dy;

    DjlBackwardStep(int seed, Block block, Shape input, Shape output) {
        super(seed, block, input);
        x = manager.randomUniform(-1, 1, input);
        x.setRequiresGradient(true);
        dy = manager.randomUniform(-1, 1, output);
    }

    @Override
    public double run() {
        try (NDManager step = manager.newSubManager()) {
            x.tempAttach(step);
            try (GradientCollector gc = Engine.getEngine(DjlPeer.ENGINE).newGradientCollector()) {
                NDArray y = block.forward(store, new NDList(x), true).head();
                JniUtils.backward((PtNDArray) y, (PtNDArray) dy, false, false);
            }
        }
        for (NDArray w : weights) {
            JniUtils.zeroGrad((PtNDArray) w);
        }
        JniUtils.zeroGrad((PtNDArray) x);
        return Double.NaN;
    }
}
