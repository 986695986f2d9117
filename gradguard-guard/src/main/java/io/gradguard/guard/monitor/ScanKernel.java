package io.gradguard.guard.monitor;

import java.nio.ByteBuffer;
import java.util.function.IntPredicate;

/**
 * The monitor's inner loops over a range {@code [from, to)} of a float array, each writing its results into
 * a slot of the caller's arrays so that ranges can be scanned on several threads at once. On the Vector API
 * when the module {@code jdk.incubator.vector} is present (about 10x faster than a plain loop: 0.04 ms
 * instead of 0.41 ms for the 670k gradients of the 784-512-512-10 MLP, {@code GuardKernelsBenchmark}), else
 * a plain loop. The guard cannot use the engine's kernels (it imports no engine class), so it carries its own;
 * the clippers' L2 norms ({@code clip.Norms}) use it too.
 */
public interface ScanKernel {
    /**
     * Sum of squares of {@code x[from, to)} in double (no float32 square can overflow a double); stores
     * max |x| in {@code maxAbs[slot]}, NaN when a NaN is among the values (a NaN or Inf makes the sum
     * non-finite too, so a finite sum proves the range finite).
     */
    double scan(float[] x, int from, int to, float[] maxAbs, int slot);

    /**
     * Sum of squares of {@code x[from, to)} in double, without the max (the clippers' L2 norms): {@link #scan}
     * with the max thrown away, unless a kernel has a cheaper loop.
     */
    default double sumOfSquares(float[] x, int from, int to) {
        return scan(x, from, to, new float[1], 0);
    }

    /**
     * For weight norms and the update ratio, in one pass over {@code [from, to)}, in double: the sum of
     * squares of {@code w} into {@code out[3 * slot]}, of {@code w - prev} into {@code out[3 * slot + 1]} and
     * of {@code prev} into {@code out[3 * slot + 2]}.
     */
    default void diffScan(float[] w, float[] prev, int from, int to, double[] out, int slot) {
        double s = 0;
        double d = 0;
        double p = 0;
        for (int k = from; k < to; k++) {
            double a = w[k];
            double b = prev[k];
            s += a * a;
            d += (a - b) * (a - b);
            p += b * b;
        }
        out[3 * slot] = s;
        out[3 * slot + 1] = d;
        out[3 * slot + 2] = p;
    }

    /**
     * How many rows of the row-major {@code rows x cols} array {@code x} are exactly zero ({@code -0.0}
     * counts as zero): a weight gradient's zero row is a unit that passed no gradient on the whole batch.
     */
    default int zeroRows(float[] x, int rows, int cols) {
        return zeroRows(rows, cols, i -> x[i] != 0f);
    }

    /**
     * The rows of a row-major {@code rows x cols} matrix holding no element {@code i} for which
     * {@code nonZero} holds; each row's check stops at its first non-zero ({@code -0.0 != 0} is false and
     * {@code NaN != 0} true, so exactly the rows of signed zeros count).
     */
    private static int zeroRows(int rows, int cols, IntPredicate nonZero) {
        int zero = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            boolean live = false;
            for (int c = off; c < off + cols && !live; c++) {
                live = nonZero.test(c);
            }
            if (!live) {
                zero++;
            }
        }
        return zero;
    }

    /**
     * As {@link #scan(float[], int, int, float[], int)}, over elements {@code [from, to)} of a float32 buffer
     * in native byte order with its order set to native (a host's own memory: {@code ParamView.gradMemory}).
     * The same statistics up to rounding: this loop sums in double; the vector kernel sums squares in float32
     * within the range (as PyTorch's float32 norm does; 1,024 terms per lane for the monitor's 32k-float
     * chunks) and redoes the range in double when that sum is not finite (an overflow, a NaN or an Inf) or so
     * small that float32 squares would lose digits.
     */
    default double scan(ByteBuffer x, int from, int to, float[] maxAbs, int slot) {
        double s = 0;
        int m = 0;
        for (int k = from; k < to; k++) {
            float v = x.getFloat(4 * k);
            s += (double) v * v;
            m = Math.max(m, Float.floatToRawIntBits(v) & 0x7fffffff);
        }
        maxAbs[slot] = Float.intBitsToFloat(m);
        return s;
    }

    /** {@link #sumOfSquares(float[], int, int)} over a float32 buffer, as {@link #scan(ByteBuffer, int, int, float[], int)} reads it. */
    default double sumOfSquares(ByteBuffer x, int from, int to) {
        return scan(x, from, to, new float[1], 0);
    }

    /** {@link #zeroRows(float[], int, int)} over a float32 buffer, as {@link #scan(ByteBuffer, int, int, float[], int)} reads it. */
    default int zeroRows(ByteBuffer x, int rows, int cols) {
        return zeroRows(rows, cols, i -> x.getFloat(Float.BYTES * i) != 0f);
    }

    /** The implementation chosen for this JVM. */
    static ScanKernel best() {
        return Holder.BEST;
    }

    /** Four double accumulators and an integer max of the sign-cleared bits: branch-free, no NaN chains. */
    final class Plain implements ScanKernel {
        @Override
        public double scan(float[] x, int from, int to, float[] maxAbs, int slot) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int m = 0;
            int i = from;
            for (; i + 3 < to; i += 4) {
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
            for (; i < to; i++) {
                s0 += (double) x[i] * x[i];
                m = Math.max(m, Float.floatToRawIntBits(x[i]) & 0x7fffffff);
            }
            maxAbs[slot] = Float.intBitsToFloat(m);
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
