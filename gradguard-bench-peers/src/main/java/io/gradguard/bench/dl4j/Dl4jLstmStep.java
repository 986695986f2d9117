package io.gradguard.bench.dl4j;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.nd4j.linalg.activations.Activation;

/**
 * The {@code lstm} workload in DL4J: one {@code LSTM} layer (not {@code GravesLSTM}: no peepholes), 128 -> 128,
 * tanh cell and output activations, sigmoid gates, zero initial state, on a {@code [64, 128, 100]} input (DL4J's
 * native NCW layout: batch, features, time); forward over the 100 steps, then backpropagation through time from a
 * fixed gradient on every step's output through the external-errors API (see {@link ExternalErrors}), which
 * computes the weight gradients and dX. DL4J's LSTM has one bias per gate where PyTorch has two; the extra add
 * is about 0.1% of the step's arithmetic.
 */
final class Dl4jLstmStep extends ExternalErrors {
    Dl4jLstmStep() {
        super(13, new LSTM.Builder().nIn(128).nOut(128).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).build(),
                InputType.recurrent(128, 100), new long[] {64, 128, 100}, new long[] {64, 128, 100});
    }
}
