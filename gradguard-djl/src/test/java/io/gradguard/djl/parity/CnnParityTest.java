package io.gradguard.djl.parity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.loss.Loss;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.BatchNorm2d;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Flatten;
import io.gradguard.nn.MaxPool2d;
import io.gradguard.nn.Network;
import io.gradguard.nn.Sequential;
import io.gradguard.tensor.Rng;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A small CNN with batch norm in training mode: conv 3x3 (padding 1) -> BatchNorm2d -> relu -> max-pool 2 ->
 * conv 3x3 (stride 2, padding 1) -> relu -> flatten -> dense, softmax cross-entropy. The engine and libtorch
 * agree on the loss, every gradient (batch statistics included in the backward pass) and the running
 * statistics batch norm updates (DJL's momentum 0.9 is PyTorch's 0.1; the running variance is unbiased).
 */
class CnnParityTest {
    private static final int BATCH = 6;

    @Test
    void lossGradientsAndRunningStatisticsMatchLibtorch() {
        Rng rng = new Rng(5);
        Network engine = new Network(new Sequential(
                new io.gradguard.nn.Conv2d(2, 4, 3, 1, 1, true, rng), new BatchNorm2d(4),
                new ActivationLayer(new io.gradguard.autograd.Activation.ReLU()), new MaxPool2d(2),
                new io.gradguard.nn.Conv2d(4, 6, 3, 2, 1, true, rng),
                new ActivationLayer(new io.gradguard.autograd.Activation.ReLU()), new Flatten(),
                new Dense(6 * 2 * 2, 3, true, rng)));
        SequentialBlock djl = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1)).setFilters(6).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        float[] x = new float[BATCH * 2 * 8 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.normal(0.5, 1.5); // off-centre, so batch norm's mean and variance both matter
        }
        float[] labels = {0, 1, 2, 0, 1, 2};
        try (Twin twin = new Twin(engine, new io.gradguard.nn.Loss.CrossEntropy(), djl,
                Loss.softmaxCrossEntropyLoss(), new Shape(BATCH, 2, 8, 8))) {
            twin.backward(x, new int[] {BATCH, 2, 8, 8}, labels, new int[] {BATCH});
            double lossError = Rel.error(twin.engineLoss(), twin.djlLoss());
            Map<String, Double> errors = new java.util.LinkedHashMap<>(twin.gradientErrors());
            assertThat(lossError).isLessThan(Rel.TOLERANCE);
            assertThat(errors).containsKeys("layers.0.weight", "layers.1.weight", "layers.1.bias", "layers.7.bias");
            // The conv bias right before batch norm has a true gradient of 0 (the batch mean removes any constant
            // shift): both frameworks return float32 rounding noise there, so it is checked for being 0.
            double largest = engine.parameters().stream().mapToDouble(p -> maxAbs(p.grad().data())).max().orElseThrow();
            assertThat(maxAbs(engine.namedParameters().get("layers.0.bias").grad().data())).isLessThan(1e-6 * largest);
            assertThat(maxAbs(twin.djl("01Conv2d.bias").getGradient().toFloatArray())).isLessThan(1e-6 * largest);
            errors.remove("layers.0.bias");
            System.out.println("CNN parity: loss error " + lossError + ", worst gradient error "
                    + errors.values().stream().mapToDouble(d -> d).max().orElseThrow());
            assertThat(errors).allSatisfy((name, err) -> assertThat(err).as(name).isLessThan(Rel.TOLERANCE));
            BatchNorm2d bn = (BatchNorm2d) engine.layers().layers().get(1);
            assertThat(Rel.error(bn.runningMean().data(), twin.djl("02BatchNorm.running_mean").toFloatArray()))
                    .as("running_mean").isLessThan(Rel.TOLERANCE);
            assertThat(Rel.error(bn.runningVar().data(), twin.djl("02BatchNorm.running_var").toFloatArray()))
                    .as("running_var").isLessThan(Rel.TOLERANCE);
        }
    }

    private static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
