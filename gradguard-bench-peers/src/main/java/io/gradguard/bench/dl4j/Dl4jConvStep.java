package io.gradguard.bench.dl4j;

import io.gradguard.bench.peers.StepRunner;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The {@code conv} workload in DL4J: {@code ConvolutionLayer} 3x3, 32 -> 64 channels, stride 1, padding 1,
 * identity activation, with bias, NCHW, on a {@code [64, 32, 32, 32]} input; forward, then backward from a
 * fixed upstream gradient through DL4J's external-errors API ({@code setInput}, {@code feedForward(true, false)},
 * {@code backpropGradient(dY, ...)}), which computes dW, db and dX.
 */
final class Dl4jConvStep implements StepRunner {
    private final ExternalErrors step;

    Dl4jConvStep() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11).dataType(DataType.FLOAT).updater(new NoOp())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(32).nOut(64).stride(1, 1).padding(1, 1)
                        .activation(Activation.IDENTITY).hasBias(true).build())
                .setInputType(InputType.convolutional(32, 32, 32))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        step = new ExternalErrors(net, Nd4j.rand(DataType.FLOAT, 64, 32, 32, 32).muli(2).subi(1),
                Nd4j.rand(DataType.FLOAT, 64, 64, 32, 32).muli(2).subi(1));
    }

    @Override
    public double run() {
        step.run();
        return Double.NaN;
    }

    @Override
    public long parameters() {
        return step.parameters();
    }

    @Override
    public void close() {
        step.close();
    }
}
