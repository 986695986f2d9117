package io.gradguard.bench.dl4j;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward and backward of a network without an output layer from a given upstream gradient, as DL4J documents
 * for "external errors": {@code setInput(x)}, {@code feedForward(true, false)} (training mode, inputs kept for
 * backprop), {@code backpropGradient(dY, ...)}, which fills the network's gradient view and returns dX.
 */
final class ExternalErrors {
    private final MultiLayerNetwork net;
    private final INDArray x;
    private final INDArray seed;

    ExternalErrors(MultiLayerNetwork net, INDArray x, INDArray seed) {
        this.net = net;
        this.x = x;
        this.seed = seed;
    }

    /** One forward and backward; returns dX (detached from DL4J's workspaces). */
    INDArray run() {
        net.setInput(x);
        net.feedForward(true, false);
        Pair<Gradient, INDArray> p = net.backpropGradient(seed, LayerWorkspaceMgr.noWorkspaces());
        return p.getSecond();
    }

    long parameters() {
        return net.numParams();
    }

    void close() {
        net.close();
    }
}
