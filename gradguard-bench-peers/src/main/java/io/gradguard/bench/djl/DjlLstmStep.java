package io.gradguard.bench.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.LSTM;

/**
 * The {@code lstm} workload in libtorch: DJL's {@code LSTM} (one layer, state 128, biases, batch first),
 * which calls libtorch's fused {@code torch.lstm} with zero initial states, on a {@code [64, 100, 128]} input
 * that requires a gradient; backward from a fixed gradient on every step's output {@code [64, 100, 128]};
 * then the gradients of the four parameters ({@code W_ih, W_hh, b_ih, b_hh}) and of the input are zeroed.
 */
final class DjlLstmStep extends DjlBackwardStep {
    DjlLstmStep() {
        super(13, LSTM.builder().setStateSize(128).setNumLayers(1).optBatchFirst(true).optReturnState(false).build(),
                new Shape(64, 100, 128), new Shape(64, 100, 128));
    }
}
