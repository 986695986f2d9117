package io.gradguard.guard.monitor;

/**
 * One pass over a float array: sum of squares (in double, so no float32 value can overflow it), max |x|,
 * and NaN/Inf counts. Counting non-finite values costs a second pass only when the sum is non-finite,
 * which is the rare case: a finite sum of squares proves every element finite.
 */
final class GradientScan {
    double sumSquares;
    double maxAbs;
    long nan;
    long inf;

    private final ScanKernel kernel = ScanKernel.best();
    private final float[] max = new float[1];

    void reset() {
        sumSquares = 0;
        maxAbs = 0;
        nan = 0;
        inf = 0;
    }

    void add(float[] x) {
        double s = kernel.scan(x, x.length, max);
        sumSquares += s;
        maxAbs = Math.max(maxAbs, max[0]);
        if (!Double.isFinite(s)) {
            for (float v : x) {
                if (Float.isNaN(v)) {
                    nan++;
                } else if (Float.isInfinite(v)) {
                    inf++;
                }
            }
            if (nan > 0) {
                maxAbs = Double.NaN;
            }
        }
    }

    /** Sum of squares of {@code x}, in double. */
    static double sumSquares(float[] x) {
        return ScanKernel.best().scan(x, x.length, new float[1]);
    }

    /** Fraction of the rows of a {@code rows x cols} array that are exactly zero. */
    static double zeroRowFraction(float[] g, int rows) {
        if (rows == 0) {
            return Double.NaN;
        }
        return (double) ScanKernel.best().zeroRows(g, rows, g.length / rows) / rows;
    }
}
