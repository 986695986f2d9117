package io.gradguard.dashboard.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The step axis of one run, cut into at most {@link #CAPACITY} buckets of {@code width} consecutive steps
 * ({@code width} a power of two) and shared by every series of the run, so all of them line up on the same
 * x values. When a step falls past the last bucket the width doubles and neighbouring buckets merge: memory
 * and the cost of drawing stay bounded however long the run, O(1) amortised per value.
 */
final class StepGrid {
    /** Buckets per series at most; between half and all of them are in use once the grid has grown. */
    static final int CAPACITY = 1024;

    private final List<Buckets> series = new ArrayList<>();
    private final int capacity;
    private boolean started;
    private long origin;
    private long width = 1;
    private int used;

    StepGrid() {
        this(CAPACITY);
    }

    StepGrid(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("StepGrid capacity must be a power of two >= 2, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** A new, empty series on this grid. */
    Buckets newSeries() {
        Buckets b = new Buckets(capacity);
        series.add(b);
        return b;
    }

    /** The bucket of {@code step}, growing the grid if needed; the first step seen is the origin. */
    int bucket(long step) {
        if (!started) {
            started = true;
            origin = step;
        }
        long rel = Math.max(0, step - origin);
        while (rel / width >= capacity) {
            width *= 2;
            for (Buckets s : series) {
                s.halve(used);
            }
            used = (used + 1) / 2;
        }
        int b = (int) (rel / width);
        used = Math.max(used, b + 1);
        return b;
    }

    /** Buckets in use: {@code 0 .. used-1}. */
    int used() {
        return used;
    }

    long width() {
        return width;
    }

    /** The first step of bucket {@code b}. */
    long start(int b) {
        return origin + b * width;
    }

    int capacity() {
        return capacity;
    }
}
