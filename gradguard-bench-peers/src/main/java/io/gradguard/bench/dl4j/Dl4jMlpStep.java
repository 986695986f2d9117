package io.gradguard.bench.dl4j;

import io.gradguard.bench.peers.StepRunner;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The {@code mlp} workload in DL4J: {@code DenseLayer(784 -> 512, RELU)}, {@code DenseLayer(512 -> 512, RELU)},
 * {@code OutputLayer(512 -> 10, SOFTMAX, MCXENT)} (softmax cross-entropy averaged over the mini-batch), updater
 * {@code Sgd(0.01)}, trained with {@code MultiLayerNetwork.fit(features, labels)} on one-hot labels: forward,
 * loss, backward and the update in DL4J's own training loop, with workspaces (its fastest memory mode). DL4J
 * writes gradients rather than accumulating them, so nothing is zeroed.
 */
final class Dl4jMlpStep implements StepRunner {
    private final MultiLayerNetwork net;
    private final INDArray x;
    private final INDArray y;

    Dl4jMlpStep() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.FLOAT).updater(new Sgd(0.01)).weightInit(WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(512).nOut(512).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(512).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        Random rng = new Random(7);
        x = Nd4j.rand(DataType.FLOAT, 128, 784);
        y = Nd4j.zeros(DataType.FLOAT, 128, 10);
        for (int i = 0; i < 128; i++) {
            y.putScalar(i, rng.nextInt(10), 1f);
        }
    }

    @Override
    public double run() {
        net.fit(x, y);
        return net.score();
    }

    @Override
    public long parameters() {
        return net.numParams();
    }

    @Override
    public void close() {
        net.close();
    }
}
