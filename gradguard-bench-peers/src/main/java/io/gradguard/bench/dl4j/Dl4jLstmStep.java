package io.gradguard.bench.dl4j;

import io.gradguard.bench.peers.StepRunner;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The {@code lstm} workload in DL4J: one {@code LSTM} layer (not {@code GravesLSTM}: no peepholes), 128 -> 128,
 * tanh cell and output activations, sigmoid gates, zero initial state, on a {@code [64, 128, 100]} input (DL4J's
 * native NCW layout: batch, features, time); forward over the 100 steps, then backpropagation through time from a
 * fixed gradient on every step's output through the external-errors API (see {@link ExternalErrors}), which
 * computes the weight gradients and dX. DL4J's LSTM has one bias per gate where PyTorch has two; the extra add
 * is about 0.1% of the step's arithmetic.
 */
final class Dl4jLstmStep implements StepRunner {
    private final ExternalErrors step;

    Dl4jLstmStep() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(13).dataType(DataType.FLOAT).updater(new NoOp())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new LSTM.Builder().nIn(128).nOut(128).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).build())
                .setInputType(InputType.recurrent(128, 100))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        step = new ExternalErrors(net, Nd4j.rand(DataType.FLOAT, 64, 128, 100).muli(2).subi(1),
                Nd4j.rand(DataType.FLOAT, 64, 128, 100).muli(2).subi(1));
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
