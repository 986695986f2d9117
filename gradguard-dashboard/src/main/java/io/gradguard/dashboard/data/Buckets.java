package io.gradguard.dashboard.data;

import java.util.Arrays;

/**
 * One metric's values over a {@link StepGrid}: per bucket of steps the smallest and largest finite value and
 * the steps they came from, their sum and count, and how many values were NaN or infinite. Keeping both
 * extremes, not a mean, is what keeps a one-step spike visible after 100,000 steps are drawn as 1,000
 * buckets (min/max decimation).
 */
final class Buckets {
    private double[] min;
    private double[] max;
    private long[] minStep;
    private long[] maxStep;
    private double[] sum;
    private int[] count;
    private int[] nonFinite;

    Buckets(int capacity) {
        min = new double[capacity];
        max = new double[capacity];
        minStep = new long[capacity];
        maxStep = new long[capacity];
        sum = new double[capacity];
        count = new int[capacity];
        nonFinite = new int[capacity];
    }

    int capacity() {
        return count.length;
    }

    void add(int b, long step, double v) {
        if (!Double.isFinite(v)) {
            nonFinite[b]++;
            return;
        }
        if (count[b] == 0 || v < min[b]) {
            min[b] = v;
            minStep[b] = step;
        }
        if (count[b] == 0 || v > max[b]) {
            max[b] = v;
            maxStep[b] = step;
        }
        sum[b] += v;
        count[b]++;
    }

    /** True if bucket {@code b} holds any value, finite or not. */
    boolean occupied(int b) {
        return count[b] > 0 || nonFinite[b] > 0;
    }

    int count(int b) {
        return count[b];
    }

    int nonFinite(int b) {
        return nonFinite[b];
    }

    double min(int b) {
        return min[b];
    }

    double max(int b) {
        return max[b];
    }

    double mean(int b) {
        return sum[b] / count[b];
    }

    /** The bucket's two extremes in the order they occurred (one value if they are the same step). */
    double[] extremesInOrder(int b) {
        if (minStep[b] == maxStep[b]) {
            return new double[] {min[b]};
        }
        return minStep[b] < maxStep[b] ? new double[] {min[b], max[b]} : new double[] {max[b], min[b]};
    }

    /** Buckets {@code factor} times as wide: bucket {@code j} of the result merges {@code j*factor ..}. */
    Buckets merged(int factor, int used, int capacity) {
        Buckets m = new Buckets(capacity);
        for (int i = 0; i < used; i++) {
            m.absorb(i / factor, this, i);
        }
        return m;
    }

    /** Halves the resolution in place (the grid's width doubled). */
    void halve(int used) {
        Buckets m = merged(2, used, capacity());
        min = m.min;
        max = m.max;
        minStep = m.minStep;
        maxStep = m.maxStep;
        sum = m.sum;
        count = m.count;
        nonFinite = m.nonFinite;
    }

    private void absorb(int j, Buckets src, int i) {
        nonFinite[j] += src.nonFinite[i];
        if (src.count[i] == 0) {
            return;
        }
        if (count[j] == 0 || src.min[i] < min[j]) {
            min[j] = src.min[i];
            minStep[j] = src.minStep[i];
        }
        if (count[j] == 0 || src.max[i] > max[j]) {
            max[j] = src.max[i];
            maxStep[j] = src.maxStep[i];
        }
        sum[j] += src.sum[i];
        count[j] += src.count[i];
    }

    @Override
    public String toString() {
        return "Buckets" + Arrays.toString(Arrays.copyOf(count, Math.min(count.length, 16)));
    }
}
