package io.gradguard.djl.parity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DJL conventions a PyTorch user would not expect, pinned so a DJL upgrade that changes them is noticed. */
class DjlConventionsTest {
    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void l2LossIsHalfTheMeanSquaredError() {
        NDList pred = new NDList(manager.create(new float[] {1, 2}));
        NDList label = new NDList(manager.create(new float[] {0, 0}));
        // mean((0-1)^2, (0-2)^2) = 2.5: PyTorch's MSELoss; DJL's default weight is 1/2.
        assertThat(Loss.l2Loss().evaluate(label, pred).getFloat()).isEqualTo(1.25f);
        assertThat(Loss.l2Loss("mse", 1f).evaluate(label, pred).getFloat()).isEqualTo(2.5f);
    }

    @Test
    void adamBiasCorrectsWithTheLargestUpdateCountOfAnyParameter() {
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.1f)).build();
        try (NDArray a = manager.create(new float[] {0}); NDArray b = manager.create(new float[] {0})) {
            for (int i = 0; i < 3; i++) {
                try (NDArray g = manager.create(new float[] {1})) {
                    adam.update("a", a, g);
                }
            }
            try (NDArray g = manager.create(new float[] {1})) {
                adam.update("b", b, g);
            }
            // b's first update, with m = 0.1 and v = 0.001 after one gradient of 1. PyTorch (t = 1 for b):
            // 0.1 * sqrt(1 - 0.999) / (1 - 0.9) * 0.1 / sqrt(0.001) = 0.1. DJL takes t = max(b's count 1, a's 3) = 3.
            int t = 3;
            double expected = -0.1 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t)) * 0.1
                    / (Math.sqrt(0.001) + 1e-8);
            assertThat(Rel.error(b.getFloat(), expected)).isLessThan(Rel.TOLERANCE);
            assertThat(Math.abs(b.getFloat() + 0.1)).isGreaterThan(0.01);
        }
    }
}
