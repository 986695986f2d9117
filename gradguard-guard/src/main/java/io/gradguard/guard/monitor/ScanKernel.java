package io.gradguard.guard.monitor;

/**
 * The monitor's inner loop: in one pass over a float array, the sum of squares accumulated in double (no
 * float32 square can overflow a double) and the largest |x|. On the Vector API when the module
 * {@code jdk.incubator.vector} is present (about 10x faster: 0.04 ms instead of 0.41 ms for the 670k
 * gradients of the 784-512-512-10 MLP, {@code GuardKernelsBenchmark}), else a plain loop. The guard cannot
 * use the engine's kernels (it imports no engine class), so it carries its own.
 */
interface ScanKernel {
    /** Sum of squares of {@code x[0, n)}; stores max |x| in {@code maxAbs[0]} (NaN-unaware: callers check). */
    double scan(float[] x, int n, float[] maxAbs);

    /**
     * For the update ratio: the sum of squares of {@code w - prev} and of {@code prev} over {@code [0, n)},
     * in double, into {@code out[0]} and {@code out[1]}.
     */
    default void diffScan(float[] w, float[] prev, int n, double[] out) {
        double d0 = 0;
        double d1 = 0;
        double p0 = 0;
        double p1 = 0;
        int k = 0;
        for (; k + 1 < n; k += 2) {
            double a = (double) w[k] - prev[k];
            double b = (double) w[k + 1] - prev[k + 1];
            d0 += a * a;
            d1 += b * b;
            p0 += (double) prev[k] * prev[k];
            p1 += (double) prev[k + 1] * prev[k + 1];
        }
        for (; k < n; k++) {
            double a = (double) w[k] - prev[k];
            d0 += a * a;
            p0 += (double) prev[k] * prev[k];
        }
        out[0] = d0 + d1;
        out[1] = p0 + p1;
    }

    /**
     * How many rows of the row-major {@code rows x cols} array {@code x} are exactly zero ({@code -0.0}
     * counts as zero): a weight gradient's zero row is a unit that passed no gradient on the whole batch.
     */
    default int zeroRows(float[] x, int rows, int cols) {
        int zero = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            int bits = 0;
            for (int c = 0; c < cols && bits == 0; c++) {
                bits = Float.floatToRawIntBits(x[off + c]) & 0x7fffffff;
            }
            if (bits == 0) {
                zero++;
            }
        }
        return zero;
    }

    /** The implementation chosen for this JVM. */
    static ScanKernel best() {
        return Holder.BEST;
    }

    /** Eight double accumulators and an integer max of the sign-cleared bits: branch-free, no NaN chains. */
    final class Plain implements ScanKernel {
        @Override
        public double scan(float[] x, int n, float[] maxAbs) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int m = 0;
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
                // For non-negative floats the bit patterns order like the values (NaN above Inf).
                m = Math.max(m, Math.max(Math.max(Float.floatToRawIntBits(a) & 0x7fffffff,
                        Float.floatToRawIntBits(b) & 0x7fffffff), Math.max(Float.floatToRawIntBits(c) & 0x7fffffff,
                        Float.floatToRawIntBits(d) & 0x7fffffff)));
            }
            for (; i < n; i++) {
                s0 += (double) x[i] * x[i];
                m = Math.max(m, Float.floatToRawIntBits(x[i]) & 0x7fffffff);
            }
            maxAbs[0] = Float.intBitsToFloat(m);
            return (s0 + s1) + (s2 + s3);
        }
    }

    /** Picks the Vector API kernel when its module is loaded. */
    final class Holder {
        static final ScanKernel BEST = choose();

        private Holder() {
        }

        private static ScanKernel choose() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                    && !"scalar".equals(System.getProperty("gradguard.guard.scan"))) {
                try {
                    return (ScanKernel) Class.forName("io.gradguard.guard.monitor.VectorScan")
                            .getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    return new Plain();
                }
            }
            return new Plain();
        }
    }
}
