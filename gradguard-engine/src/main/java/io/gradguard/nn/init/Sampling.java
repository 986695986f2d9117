package io.gradguard.nn.init;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;

/** Fills a tensor with independent draws, in row-major order, so a seed fixes every element. */
final class Sampling {
    private Sampling() {
    }

    static void normal(Tensor t, double mean, double std, Rng rng) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.normal(mean, std);
        }
    }

    static void uniform(Tensor t, double a, double b, Rng rng) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.uniform(a, b);
        }
    }
}
