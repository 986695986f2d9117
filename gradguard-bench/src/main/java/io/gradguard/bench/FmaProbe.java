package io.gradguard.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FP32 rate one core actually sustains: twelve independent FMA chains on {@code SPECIES_PREFERRED}
 * vectors held in registers (no memory traffic), timed for about a second after warm-up. Dividing by
 * FLOP/cycle gives the clock the core really ran at. Loaded only when {@code jdk.incubator.vector} is present.
 */
final class FmaProbe {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FmaProbe() {
    }

    /** Best of several timed rounds, in GFLOP/s on the calling thread. */
    static double gflopsOneCore() {
        double best = 0;
        long iters = 5_000_000;
        float sink = 0;
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            sink += run(iters, round);
            double g = 12.0 * 2 * S.length() * iters / (System.nanoTime() - t0);
            best = Math.max(best, g);
        }
        if (sink == 42f) {
            System.out.print("");
        }
        return best;
    }

    private static float run(long iters, float x) {
        FloatVector a = FloatVector.broadcast(S, 1e-3f * x);
        FloatVector b = FloatVector.broadcast(S, 0.999f);
        FloatVector c0 = a;
        FloatVector c1 = a.add(1);
        FloatVector c2 = a.add(2);
        FloatVector c3 = a.add(3);
        FloatVector c4 = a.add(4);
        FloatVector c5 = a.add(5);
        FloatVector c6 = a.add(6);
        FloatVector c7 = a.add(7);
        FloatVector c8 = a.add(8);
        FloatVector c9 = a.add(9);
        FloatVector c10 = a.add(10);
        FloatVector c11 = a.add(11);
        for (long i = 0; i < iters; i++) {
            c0 = c0.fma(b, a);
            c1 = c1.fma(b, a);
            c2 = c2.fma(b, a);
            c3 = c3.fma(b, a);
            c4 = c4.fma(b, a);
            c5 = c5.fma(b, a);
            c6 = c6.fma(b, a);
            c7 = c7.fma(b, a);
            c8 = c8.fma(b, a);
            c9 = c9.fma(b, a);
            c10 = c10.fma(b, a);
            c11 = c11.fma(b, a);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
