package io.gradguard.data;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;

/** Collects generated rows in order, then shuffles them into a {@link Dataset}. */
final class SampleBuilder {
    private final int features;
    private final float[] x;
    private final float[] y;
    private int rows;

    SampleBuilder(int samples, int features) {
        this.features = features;
        this.x = new float[samples * features];
        this.y = new float[samples];
    }

    /**
     * The size of group {@code j} when {@code n} rows are shared among {@code k} groups: the first
     * {@code n % k} groups get one more.
     */
    static int share(int n, int k, int j) {
        return n / k + (j < n % k ? 1 : 0);
    }

    void add(int label, double... values) {
        addRegression(label, values);
    }

    void addRegression(double target, double... values) {
        for (int f = 0; f < features; f++) {
            x[rows * features + f] = (float) values[f];
        }
        y[rows] = (float) target;
        rows++;
    }

    /** Shuffles the rows with {@code rng}; {@code numClasses == 0} gives {@code [n, 1]} regression targets. */
    Dataset build(String name, int numClasses, Rng rng) {
        if (rows != y.length) {
            throw new IllegalStateException(name + ": generated " + rows + " of " + y.length + " rows");
        }
        int[] perm = new int[rows];
        for (int i = 0; i < rows; i++) {
            perm[i] = i;
        }
        rng.shuffle(perm);
        float[] xs = new float[x.length];
        float[] ys = new float[y.length];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, perm[i] * features, xs, i * features, features);
            ys[i] = y[perm[i]];
        }
        Tensor targets = numClasses == 0 ? Tensor.of(ys, rows, 1) : Tensor.of(ys, rows);
        return new Dataset(name, Tensor.of(xs, rows, features), targets, numClasses);
    }
}
