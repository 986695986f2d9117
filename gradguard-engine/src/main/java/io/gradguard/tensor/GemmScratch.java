package io.gradguard.tensor;

/**
 * Per-thread, grow-only scratch arrays for packed panels, so the GEMM hot path allocates nothing once a
 * thread has seen its largest problem. Each thread has its own arrays; a caller must not hold one across a
 * call that may reuse the same slot.
 */
final class GemmScratch {
    private static final ThreadLocal<GemmScratch> LOCAL = ThreadLocal.withInitial(GemmScratch::new);

    private float[] packA = new float[0];
    private float[] packB = new float[0];
    private float[] tile = new float[0];
    private float[][] rows = new float[0][];

    private GemmScratch() {
    }

    static GemmScratch get() {
        return LOCAL.get();
    }

    /** Scratch for packed panels of A, at least {@code size} floats. */
    float[] packA(int size) {
        if (packA.length < size) {
            packA = new float[size];
        }
        return packA;
    }

    /** Scratch for packed panels of B, at least {@code size} floats. */
    float[] packB(int size) {
        if (packB.length < size) {
            packB = new float[size];
        }
        return packB;
    }

    /** At least {@code count} separate rows of at least {@code width} floats each. */
    float[][] rows(int count, int width) {
        if (rows.length < count || rows[0].length < width) {
            int w = Math.max(width, rows.length == 0 ? 0 : rows[0].length);
            float[][] grown = new float[Math.max(count, rows.length)][];
            for (int i = 0; i < grown.length; i++) {
                grown[i] = new float[w];
            }
            rows = grown;
        }
        return rows;
    }

    /** Scratch for one edge micro-tile or one row accumulator, at least {@code size} floats. */
    float[] tile(int size) {
        if (tile.length < size) {
            tile = new float[size];
        }
        return tile;
    }
}
