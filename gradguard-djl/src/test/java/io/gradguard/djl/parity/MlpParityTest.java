package io.gradguard.djl.parity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.Loss;
import io.gradguard.autograd.Activation.ELU;
import io.gradguard.autograd.Activation.GELU;
import io.gradguard.autograd.Activation.LeakyReLU;
import io.gradguard.autograd.Activation.ReLU;
import io.gradguard.autograd.Activation.SELU;
import io.gradguard.autograd.Activation.Sigmoid;
import io.gradguard.autograd.Activation.Softplus;
import io.gradguard.autograd.Activation.Tanh;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Module;
import io.gradguard.nn.Network;
import io.gradguard.nn.Sequential;
import io.gradguard.tensor.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A dense MLP with every activation the engine shares with libtorch (relu, sigmoid, tanh, leaky_relu with
 * slope 0.2, elu with alpha 1.5, exact gelu, softplus, selu), softmax cross-entropy on class labels: the
 * engine and libtorch agree on the loss and every gradient.
 */
class MlpParityTest {
    private static final int IN = 8;
    private static final int WIDTH = 16;
    private static final int CLASSES = 4;
    private static final int BATCH = 8;

    @Test
    void lossAndEveryGradientMatchLibtorch() {
        Rng rng = new Rng(11);
        List<Module> layers = new ArrayList<>();
        SequentialBlock djl = new SequentialBlock();
        int in = IN;
        List<io.gradguard.autograd.Activation> acts = List.of(new ReLU(), new Sigmoid(), new Tanh(),
                new LeakyReLU(0.2f), new ELU(1.5f), new GELU(), new Softplus(), new SELU());
        List<Block> djlActs = List.of(Activation.reluBlock(), Activation.sigmoidBlock(), Activation.tanhBlock(),
                Activation.leakyReluBlock(0.2f), Activation.eluBlock(1.5f), Activation.geluBlock(),
                Activation.softPlusBlock(), Activation.seluBlock());
        for (int i = 0; i < acts.size(); i++) {
            layers.add(new Dense(in, WIDTH, true, rng));
            layers.add(new ActivationLayer(acts.get(i)));
            djl.add(Linear.builder().setUnits(WIDTH).build()).add(djlActs.get(i));
            in = WIDTH;
        }
        layers.add(new Dense(WIDTH, CLASSES, true, rng));
        djl.add(Linear.builder().setUnits(CLASSES).build());
        // Inputs of both signs and several units' size, so every activation sees both branches.
        float[] x = new float[BATCH * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.normal(0, 2);
        }
        float[] labels = new float[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = i % CLASSES;
        }
        try (Twin twin = new Twin(new Network(new Sequential(layers)), new io.gradguard.nn.Loss.CrossEntropy(), djl,
                Loss.softmaxCrossEntropyLoss(), new Shape(BATCH, IN))) {
            twin.backward(x, new int[] {BATCH, IN}, labels, new int[] {BATCH});
            assertThat(Rel.error(twin.engineLoss(), twin.djlLoss())).as("loss %s vs %s", twin.engineLoss(), twin.djlLoss())
                    .isLessThan(Rel.TOLERANCE);
            Map<String, Double> errors = twin.gradientErrors();
            System.out.println("MLP parity: loss error " + Rel.error(twin.engineLoss(), twin.djlLoss())
                    + ", worst gradient error " + errors.values().stream().mapToDouble(d -> d).max().orElseThrow());
            assertThat(errors).hasSize(2 * (acts.size() + 1));
            assertThat(errors).allSatisfy((name, err) -> assertThat(err).as(name).isLessThan(Rel.TOLERANCE));
        }
    }
}
