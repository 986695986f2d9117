package io.gradguard.bench;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;

/** Seeded synthetic inputs for the benchmarks. */
final class Synthetic {
    private Synthetic() {
    }

    /** A tensor of {@code shape} filled with {@code U(-1, 1)} draws from {@code rng}, in row-major order. */
    static Tensor uniform(Rng rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.uniform(-1, 1);
        }
        return t;
    }
}
