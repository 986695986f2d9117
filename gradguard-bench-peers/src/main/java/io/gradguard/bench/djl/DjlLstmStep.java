package io.gradguard.bench.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.gradguard.bench.peers.StepRunner;
import java.util.List;

/**
 * The {@code lstm} workload in libtorch: DJL's {@code LSTM} (one layer, state 128, biases, batch first),
 * which calls libtorch's fused {@code torch.lstm} with zero initial states, on a {@code [64, 100, 128]} input
 * that requires a gradient; backward from a fixed gradient on every step's output {@code [64, 100, 128]};
 * then the gradients of the four parameters ({@code W_ih, W_hh, b_ih, b_hh}) and of the input are zeroed.
 */
final class DjlLstmStep implements StepRunner {
    private final NDManager manager;
    private final LSTM lstm;
    private final ParameterStore store;
    private final List<NDArray> weights;
    private final NDArray x;
    private final NDArray seed;

    DjlLstmStep() {
        Engine.getEngine(DjlPeer.ENGINE).setRandomSeed(13);
        manager = NDManager.newBaseManager(Device.cpu(), DjlPeer.ENGINE);
        lstm = LSTM.builder().setStateSize(128).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
        lstm.initialize(manager, DataType.FLOAT32, new Shape(64, 100, 128));
        store = new ParameterStore(manager, false);
        weights = lstm.getParameters().values().stream().map(Parameter::getArray).toList();
        x = manager.randomUniform(-1, 1, new Shape(64, 100, 128));
        x.setRequiresGradient(true);
        seed = manager.randomUniform(-1, 1, new Shape(64, 100, 128));
    }

    @Override
    public double run() {
        DjlConvStep.backward(manager, lstm, store, x, seed);
        for (NDArray w : weights) {
            JniUtils.zeroGrad((PtNDArray) w);
        }
        JniUtils.zeroGrad((PtNDArray) x);
        return Double.NaN;
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
