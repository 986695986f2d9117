package io.gradguard.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The per-step gradient pass of the guard's monitor (sum of squares in double and max |g|) as written in
 * {@code gradguard-guard} today, copied here so it can be timed on the same data, beside two candidate
 * replacements measured by {@link GuardKernelsBenchmark}:
 * <ul>
 *   <li>{@link #current}: {@code GradientScan.add}'s loop (four double accumulators, {@code Math.max} of
 *       {@code Math.abs} on two float chains);</li>
 *   <li>{@link #singleChain}: {@code Norms.sumOfSquares} (one double accumulator), which the clipper runs
 *       for every policy, {@code None} included, and {@code GradientNorms.sumSquares} in the trainer;</li>
 *   <li>{@link #scalar}: eight double accumulators, and max |g| as the integer maximum of the bit patterns
 *       with the sign cleared (for non-negative floats the bit order is the value order, and every NaN
 *       pattern sorts above infinity, so a NaN still makes the maximum NaN);</li>
 *   <li>{@link #vector}: the same with the Vector API, floats widened to doubles lane-wise.</li>
 * </ul>
 * Each writes {@code out[0] = sum of squares}, {@code out[1] = max |x|}. Only the summation order differs.
 */
final class ScanKernels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats with as many lanes as {@link #D}, so one float load widens to one double vector. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);

    private ScanKernels() {
    }

    static void current(float[] x, double[] out) {
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
        out[0] = (s0 + s1) + (s2 + s3);
        out[1] = Math.max(m0, m1);
    }

    static double singleChain(float[] a) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            double v = a[i];
            s += v * v;
        }
        return s;
    }

    static void scalar(float[] x, double[] out) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int m = 0;
        int n = x.length;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            float a = x[i];
            float b = x[i + 1];
            float c = x[i + 2];
            float d = x[i + 3];
            float e = x[i + 4];
            float f = x[i + 5];
            float g = x[i + 6];
            float h = x[i + 7];
            s0 += (double) a * a;
            s1 += (double) b * b;
            s2 += (double) c * c;
            s3 += (double) d * d;
            s4 += (double) e * e;
            s5 += (double) f * f;
            s6 += (double) g * g;
            s7 += (double) h * h;
            int ab = Math.max(Float.floatToRawIntBits(a) & 0x7fffffff, Float.floatToRawIntBits(b) & 0x7fffffff);
            int cd = Math.max(Float.floatToRawIntBits(c) & 0x7fffffff, Float.floatToRawIntBits(d) & 0x7fffffff);
            int ef = Math.max(Float.floatToRawIntBits(e) & 0x7fffffff, Float.floatToRawIntBits(f) & 0x7fffffff);
            int gh = Math.max(Float.floatToRawIntBits(g) & 0x7fffffff, Float.floatToRawIntBits(h) & 0x7fffffff);
            m = Math.max(m, Math.max(Math.max(ab, cd), Math.max(ef, gh)));
        }
        for (; i < n; i++) {
            s0 += (double) x[i] * x[i];
            m = Math.max(m, Float.floatToRawIntBits(x[i]) & 0x7fffffff);
        }
        out[0] = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        out[1] = Float.intBitsToFloat(m);
    }

    static void vector(float[] x, double[] out) {
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = DoubleVector.zero(D);
        IntVector m = IntVector.zero(I);
        int step = 2 * F.length();
        int n = x.length;
        int i = 0;
        for (; i <= n - step; i += step) {
            FloatVector a = FloatVector.fromArray(F, x, i);
            FloatVector b = FloatVector.fromArray(F, x, i + F.length());
            DoubleVector da = (DoubleVector) a.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector db = (DoubleVector) b.convertShape(VectorOperators.F2D, D, 0);
            s0 = da.fma(da, s0);
            s1 = db.fma(db, s1);
            IntVector ia = a.reinterpretAsInts().and(0x7fffffff);
            IntVector ib = b.reinterpretAsInts().and(0x7fffffff);
            m = m.max(ia.max(ib));
        }
        double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        int mx = m.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            s += (double) x[i] * x[i];
            mx = Math.max(mx, Float.floatToRawIntBits(x[i]) & 0x7fffffff);
        }
        out[0] = s;
        out[1] = Float.intBitsToFloat(mx);
    }
}
