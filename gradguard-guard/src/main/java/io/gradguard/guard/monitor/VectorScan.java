package io.gradguard.guard.monitor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScanKernel} on the Vector API: half-width float vectors widened to full-width double vectors
 * ({@code F2D}) and fused multiply-added into two double accumulators; max |x| as a lane-wise float max.
 * Zero rows (dead units) are found with one vector compare per 16 floats. Loaded reflectively, only
 * when the module is present.
 */
final class VectorScan implements ScanKernel {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FH =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> IH = FH.withLanes(int.class);
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    @Override
    public double scan(float[] x, int n, float[] maxAbs) {
        int w = FH.length();
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        IntVector m = IntVector.zero(IH);
        int i = 0;
        for (int bound = n - 2 * w + 1; i < bound; i += 2 * w) {
            FloatVector f0 = FloatVector.fromArray(FH, x, i);
            FloatVector f1 = FloatVector.fromArray(FH, x, i + w);
            DoubleVector d0 = (DoubleVector) f0.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector d1 = (DoubleVector) f1.convertShape(VectorOperators.F2D, D, 0);
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
            IntVector b0 = f0.reinterpretAsInts().and(0x7fffffff);
            IntVector b1 = f1.reinterpretAsInts().and(0x7fffffff);
            m = m.max(b0.max(b1));
        }
        double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        int mb = m.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            s += (double) x[i] * x[i];
            mb = Math.max(mb, Float.floatToRawIntBits(x[i]) & 0x7fffffff);
        }
        maxAbs[0] = Float.intBitsToFloat(mb);
        return s;
    }

    @Override
    public void diffScan(float[] w, float[] prev, int n, double[] out) {
        int lanes = FH.length();
        DoubleVector d = DoubleVector.zero(D);
        DoubleVector p = d;
        int i = 0;
        for (int bound = n - lanes + 1; i < bound; i += lanes) {
            DoubleVector a = (DoubleVector) FloatVector.fromArray(FH, w, i).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector b = (DoubleVector) FloatVector.fromArray(FH, prev, i).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector diff = a.sub(b);
            d = diff.fma(diff, d);
            p = b.fma(b, p);
        }
        double ds = d.reduceLanes(VectorOperators.ADD);
        double ps = p.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double diff = (double) w[i] - prev[i];
            ds += diff * diff;
            ps += (double) prev[i] * prev[i];
        }
        out[0] = ds;
        out[1] = ps;
    }

    @Override
    public int zeroRows(float[] x, int rows, int cols) {
        int w = F.length();
        int zero = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            int end = off + cols;
            boolean live = false;
            int c = off;
            // A live row usually shows a non-zero in its first vector: the check stops there. -0.0 == 0 and
            // NaN != 0, so a compare finds exactly the rows of (signed) zeros.
            for (; c <= end - w && !live; c += w) {
                live = FloatVector.fromArray(F, x, c).compare(VectorOperators.NE, 0f).anyTrue();
            }
            for (; c < end && !live; c++) {
                live = x[c] != 0f;
            }
            if (!live) {
                zero++;
            }
        }
        return zero;
    }
}
