package io.gradguard.guard.monitor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScanKernel} on the Vector API: half-width float vectors widened to full-width double vectors
 * ({@code F2D}) and fused multiply-added into two double accumulators; max |x| as a lane-wise float max.
 * Loaded reflectively, only when the module is present.
 */
final class VectorScan implements ScanKernel {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FH =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    @Override
    public double scan(float[] x, int n, float[] maxAbs) {
        int w = FH.length();
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        FloatVector m0 = FloatVector.zero(FH);
        FloatVector m1 = m0;
        int i = 0;
        for (int bound = n - 2 * w + 1; i < bound; i += 2 * w) {
            FloatVector f0 = FloatVector.fromArray(FH, x, i);
            FloatVector f1 = FloatVector.fromArray(FH, x, i + w);
            DoubleVector d0 = (DoubleVector) f0.convertShape(VectorOperators.F2D, D, 0);
            DoubleVector d1 = (DoubleVector) f1.convertShape(VectorOperators.F2D, D, 0);
            s0 = d0.fma(d0, s0);
            s1 = d1.fma(d1, s1);
            m0 = m0.max(f0.abs());
            m1 = m1.max(f1.abs());
        }
        double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        float m = m0.max(m1).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            s += (double) x[i] * x[i];
            m = Math.max(m, Math.abs(x[i]));
        }
        maxAbs[0] = m;
        return s;
    }
}
