package io.gradguard.guard.clip;

import java.util.Arrays;

/**
 * AutoClip's history of total gradient norms: kept both in insertion order (to evict the oldest when
 * bounded, and to export) and sorted (so the percentile is O(1) and an insertion is one binary search and
 * one array shift instead of a sort per step). Finite values only.
 */
final class NormHistory {
    private final int capacity; // 0 = unbounded
    private double[] order = new double[16]; // ring of the last `capacity` norms once full; linear before
    private double[] sorted = new double[16];
    private int head; // index in `order` of the oldest norm
    private int size;

    NormHistory(int capacity) {
        this.capacity = capacity;
    }

    int size() {
        return size;
    }

    void clear() {
        head = 0;
        size = 0;
    }

    void add(double norm) {
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("AutoClip history takes finite norms only, got " + norm);
        }
        if (capacity > 0 && size == capacity) {
            removeSorted(order[head]);
            order[head] = norm;
            head = (head + 1) % capacity;
            insertSorted(norm);
            return;
        }
        if (size == order.length) {
            int grown = capacity > 0 ? Math.min(2 * size, capacity) : 2 * size;
            order = Arrays.copyOf(order, grown);
            sorted = Arrays.copyOf(sorted, grown);
        }
        order[size] = norm; // head stays 0 until the ring is full
        insertSorted(norm);
    }

    /** The norms, oldest first. */
    double[] values() {
        double[] out = new double[size];
        int ring = capacity > 0 && size == capacity ? capacity : order.length; // head is 0 until full
        for (int i = 0; i < size; i++) {
            out[i] = order[(head + i) % ring];
        }
        return out;
    }

    /**
     * {@code np.percentile(history, percentile)} with numpy's default "linear" method: virtual index
     * v = (n - 1) * (percentile / 100), lo = floor(v), t = v - lo, and numpy's {@code _lerp}, which computes
     * from the upper neighbour when {@code t >= 0.5}: {@code a + (b - a) t} for {@code t < 0.5},
     * {@code b - (b - a)(1 - t)} otherwise.
     */
    double percentile(double percentile) {
        if (size == 0) {
            throw new IllegalStateException("AutoClip history is empty");
        }
        double v = (size - 1) * (percentile / 100.0);
        if (v >= size - 1) {
            return sorted[size - 1];
        }
        int lo = (int) Math.floor(v);
        double t = v - lo;
        double a = sorted[lo];
        double b = sorted[lo + 1];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    private void insertSorted(double x) {
        int i = Arrays.binarySearch(sorted, 0, size, x);
        if (i < 0) {
            i = -i - 1;
        }
        System.arraycopy(sorted, i, sorted, i + 1, size - i);
        sorted[i] = x;
        size++;
    }

    private void removeSorted(double x) {
        int i = Arrays.binarySearch(sorted, 0, size, x);
        System.arraycopy(sorted, i + 1, sorted, i, size - i - 1);
        size--;
    }
}
