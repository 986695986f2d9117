package io.gradguard.bench.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.List;

/**
 * The {@code mlp} workload in libtorch: {@code Linear(784, 512)}, ReLU, {@code Linear(512, 512)}, ReLU,
 * {@code Linear(512, 10)} ({@code torch.nn.functional.linear} through DJL), DJL's softmax cross-entropy
 * (log-softmax, pick the label, mean over the batch), backward, then per parameter {@code g *= 0.01;
 * w -= g; zero grad} (two in-place passes, no copy: leaner than DJL's {@code Sgd}, which clones the
 * gradient and adds {@code wd * w} even for {@code wd = 0}).
 *
 * <p>Each step's intermediate tensors live in a sub-manager closed at the end of the step (the input and
 * labels are attached to it for the step only), so native memory does not grow.
 */
final class DjlMlpStep extends DjlBlockStep {
    static final int BATCH = 128;
    static final float LR = 0.01f;

    private final NDArray x;
    private final NDArray labels;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();

    DjlMlpStep() {
        super(7, mlp(), new Shape(BATCH, 784));
        x = manager.randomUniform(0, 1, new Shape(BATCH, 784));
        labels = manager.randomInteger(0, 10, new Shape(BATCH), DataType.INT64);
    }

    /** 784-512-512-10 with ReLU after the hidden layers: the same block for the lean and the trainer steps. */
    static SequentialBlock mlp() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(512).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(512).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    @Override
    public double run() {
        float value;
        try (NDManager step = manager.newSubManager()) {
            x.tempAttach(step);
            labels.tempAttach(step);
            try (GradientCollector gc = Engine.getEngine(DjlPeer.ENGINE).newGradientCollector()) {
                NDList out = block.forward(store, new NDList(x), true);
                NDArray l = loss.evaluate(new NDList(labels), out);
                gc.backward(l);
                value = l.getFloat();
            }
        }
        sgd(weights, LR);
        return value;
    }

    /** {@code w -= lr g} in place for every array, then zeroes its gradient (libtorch accumulates otherwise). */
    static void sgd(List<NDArray> weights, float lr) {
        for (NDArray w : weights) {
            try (NDArray g = w.getGradient()) {
                g.muli(lr);
                w.subi(g);
            }
            JniUtils.zeroGrad((PtNDArray) w);
        }
    }
}
