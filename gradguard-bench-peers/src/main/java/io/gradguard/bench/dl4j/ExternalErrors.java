package io.gradguard.bench.dl4j;

import io.gradguard.bench.peers.StepRunner;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * One layer's forward and backward from a fixed upstream gradient, as DL4J documents for "external errors":
 * {@code setInput(x)}, {@code feedForward(true, false)} (training mode, inputs kept for backprop),
 * {@code backpropGradient(dY, ...)}, which fills the network's gradient view and computes dX. The network is
 * that one layer, float32, seeded, without an updater, workspaces on; x and dY are uniform in [-1, 1). No loss,
 * so {@link #run()} returns NaN: the conv and LSTM workloads.
 */
abstract class ExternalErrors implements StepRunner {
    private final MultiLayerNetwork net;
    private final INDArray x;
    private final INDArray dy;

    ExternalErrors(long seed, Layer layer, InputType input, long[] xShape, long[] dyShape) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new NoOp())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(layer)
                .setInputType(input)
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        x = Nd4j.rand(DataType.FLOAT, xShape).muli(2).subi(1);
        dy = Nd4j.rand(DataType.FLOAT, dyShape).muli(2).subi(1);
    }

    @Override
    public double run() {
        net.setInput(x);
        net.feedForward(true, false);
        net.backpropGradient(dy, LayerWorkspaceMgr.noWorkspaces());
        return Double.NaN;
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
