package io.gradguard.bench.dl4j;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * The {@code conv} workload in DL4J: {@code ConvolutionLayer} 3x3, 32 -> 64 channels, stride 1, padding 1,
 * identity activation, with bias, NCHW, on a {@code [64, 32, 32, 32]} input; forward, then backward from a
 * fixed upstream gradient through DL4J's external-errors API ({@code setInput}, {@code feedForward(true, false)},
 * {@code backpropGradient(dY, ...)}), which computes dW, db and dX.
 */
final class Dl4jConvStep extends ExternalErrors {
    Dl4jConvStep() {
        super(11, new ConvolutionLayer.Builder(3, 3).nIn(32).nOut(64).stride(1, 1).padding(1, 1)
                        .activation(Activation.IDENTITY).hasBias(true).build(),
                InputType.convolutional(32, 32, 32), new long[] {64, 32, 32, 32}, new long[] {64, 64, 32, 32});
    }
}
