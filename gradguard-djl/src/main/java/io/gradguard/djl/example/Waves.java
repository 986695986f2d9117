package io.gradguard.djl.example;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Random;

/**
 * A smooth regression target on {@code d} standard-normal inputs: {@code y = sin(2 x0) + x1 x2 + 0.5 x3}
 * (variance about 1.7), so a small MLP can fit it to a mean squared error far below that variance, and a
 * learning rate too large for its curvature makes plain SGD diverge geometrically.
 */
public final class Waves {
    /** Inputs per example. */
    public static final int FEATURES = 8;

    private Waves() {
    }

    public static ArrayDataset of(NDManager manager, int n, long seed, int batchSize, boolean shuffle) {
        Random rng = new Random(seed);
        float[] x = new float[n * FEATURES];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = (float) rng.nextGaussian();
            }
            int r = i * FEATURES;
            y[i] = (float) (Math.sin(2 * x[r]) + x[r + 1] * x[r + 2] + 0.5 * x[r + 3]);
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(n, FEATURES)))
                .optLabels(manager.create(y, new Shape(n, 1)))
                .setSampling(batchSize, shuffle).build();
    }
}
