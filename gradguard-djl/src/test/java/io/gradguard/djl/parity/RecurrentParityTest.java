package io.gradguard.djl.parity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.loss.Loss;
import io.gradguard.nn.Dense;
import io.gradguard.nn.LastStep;
import io.gradguard.nn.Module;
import io.gradguard.nn.Network;
import io.gradguard.nn.Sequential;
import io.gradguard.tensor.Rng;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Two-layer LSTM and GRU (batch first) -> last step -> dense, mean squared error: the engine and libtorch agree
 * on the loss and on every gradient, including each layer's {@code weight_ih}, {@code weight_hh},
 * {@code bias_ih} and {@code bias_hh}. The weights are copied array for array, so any difference in gate order
 * ({@code i, f, g, o}; {@code r, z, n}) or in where the biases enter (GRU's {@code b_hn} inside the reset
 * product) would show up as a gradient mismatch.
 */
class RecurrentParityTest {
    private static final int BATCH = 4;
    private static final int STEPS = 6;
    private static final int FEATURES = 5;
    private static final int HIDDEN = 7;

    @Test
    void lstmMatchesLibtorch() {
        Rng rng = new Rng(3);
        Module engine = new Network(new Sequential(new io.gradguard.nn.LSTM(FEATURES, HIDDEN, 2, true, rng),
                new LastStep(), new Dense(HIDDEN, 2, true, rng)));
        Block djl = head(LSTM.builder().setStateSize(HIDDEN).setNumLayers(2).optBatchFirst(true)
                .optReturnState(false).build());
        check("LSTM", engine, djl, rng);
    }

    @Test
    void gruMatchesLibtorch() {
        Rng rng = new Rng(4);
        Module engine = new Network(new Sequential(new io.gradguard.nn.GRU(FEATURES, HIDDEN, 2, true, rng),
                new LastStep(), new Dense(HIDDEN, 2, true, rng)));
        Block djl = head(GRU.builder().setStateSize(HIDDEN).setNumLayers(2).optBatchFirst(true)
                .optReturnState(false).build());
        check("GRU", engine, djl, rng);
    }

    private static Block head(Block recurrent) {
        Function<NDList, NDList> last = list -> new NDList(list.head().get(":, -1, :"));
        return new SequentialBlock().add(recurrent).add(new LambdaBlock(last, "lastStep"))
                .add(Linear.builder().setUnits(2).build());
    }

    private static void check(String what, Module engine, Block djl, Rng rng) {
        float[] x = new float[BATCH * STEPS * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.normal(0, 1.5);
        }
        float[] y = new float[BATCH * 2];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rng.normal(0, 1);
        }
        try (Twin twin = new Twin(engine, new io.gradguard.nn.Loss.Mse(), djl, Loss.l2Loss("mse", 1f),
                new Shape(BATCH, STEPS, FEATURES))) {
            twin.backward(x, new int[] {BATCH, STEPS, FEATURES}, y, new int[] {BATCH, 2});
            double lossError = Rel.error(twin.engineLoss(), twin.djlLoss());
            Map<String, Double> errors = twin.gradientErrors();
            System.out.println(what + " parity: loss error " + lossError + ", worst gradient error "
                    + errors.values().stream().mapToDouble(d -> d).max().orElseThrow());
            assertThat(lossError).isLessThan(Rel.TOLERANCE);
            assertThat(errors).containsKeys("layers.0.weight_ih_l0", "layers.0.weight_hh_l0", "layers.0.bias_ih_l0",
                    "layers.0.bias_hh_l0", "layers.0.weight_ih_l1", "layers.0.bias_hh_l1");
            assertThat(errors).allSatisfy((name, err) -> assertThat(err).as(name).isLessThan(Rel.TOLERANCE));
        }
    }
}
