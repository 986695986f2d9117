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

    void reset() {
        sumSquares = 0;
        maxAbs = 0;
        nan = 0;
        inf = 0;
    }

    void add(float[] x) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        float m0 = 0;
        float m1 = 0;
        int n = x.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float a = x[i];
            float b = x[i + 1];
            float c = x[i + 2];
            float d = x[i + 3];
            s0 += (double) a * a;
            s1 += (double) b * b;
            s2 += (double) c * c;
            s3 += (double) d * d;
            m0 = Math.max(m0, Math.max(Math.abs(a), Math.abs(b)));
            m1 = Math.max(m1, Math.max(Math.abs(c), Math.abs(d)));
        }
        for (; i < n; i++) {
            s0 += (double) x[i] * x[i];
            m0 = Math.max(m0, Math.abs(x[i]));
        }
        double s = (s0 + s1) + (s2 + s3);
        sumSquares += s;
        maxAbs = Math.max(maxAbs, Math.max(m0, m1));
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
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < x.length; i += 2) {
            s0 += (double) x[i] * x[i];
            s1 += (double) x[i + 1] * x[i + 1];
        }
        if (i < x.length) {
            s0 += (double) x[i] * x[i];
        }
        return s0 + s1;
    }

    /** Fraction of the rows of a {@code rows x cols} array that are exactly zero. */
    static double zeroRowFraction(float[] g, int rows) {
        if (rows == 0) {
            return Double.NaN;
        }
        int cols = g.length / rows;
        int zero = 0;
        for (int r = 0; r < rows; r++) {
            boolean allZero = true;
            int off = r * cols;
            for (int c = 0; c < cols && allZero; c++) {
                allZero = g[off + c] == 0f;
            }
            if (allZero) {
                zero++;
            }
        }
        return (double) zero / rows;
    }
}
