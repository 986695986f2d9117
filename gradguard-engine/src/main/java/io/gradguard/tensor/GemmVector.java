package io.gradguard.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM on the JDK Vector API: packed panels ({@link GemmPacking}), cache blocking over {@code n}, {@code k}
 * and {@code m} in the order of Goto and van de Geijn (ACM TOMS 34(3), 2008), and a register-blocked
 * {@value #MR} x (2 vectors) micro-kernel built on {@code fma}. Each element of C is one fused multiply-add
 * chain over {@code k} in blocks of {@value #KC}, then {@code alpha * acc + beta * c}, whatever tile it sits in.
 *
 * <p>Tile shape measured on a 2-core Zen 5 (AVX-512, JDK 17) at 512^3, one thread: 8 rows x 2 vectors (16
 * accumulators) ran at ~225 GFLOP/s, 6 and 12 rows at ~200-210, 4 rows at ~195.
 *
 * <p>Only loaded (reflectively, by {@link Gemm}) when the module {@code jdk.incubator.vector} is present.
 */
final class GemmVector implements GemmBackend {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int VL = S.length();
    static final int MR = 8;
    static final int NR = 2 * VL;
    /** Depth of a k block: an MR x KC panel of A and a KC x NR panel of B stay in L1. */
    static final int KC = 256;
    /** Rows of A packed at once (MC x KC floats stay in L2). */
    static final int MC = 144;
    /** Columns of B packed at once (KC x NC floats stay in L3). */
    static final int NC = 4096;
    /** Rows of A packed at once and shared by all threads in {@link #computeShared}. */
    static final int M_CHUNK = 16 * MC;

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int rowGrain() {
        return MR;
    }

    @Override
    public int colGrain() {
        return NR;
    }

    @Override
    public void compute(boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc) {
        GemmScratch scratch = GemmScratch.get();
        int mcMax = Math.min(MC, roundUp(m, MR));
        int ncMax = Math.min(NC, roundUp(n, NR));
        int kcMax = Math.min(KC, k);
        float[] pa = scratch.packA(mcMax * kcMax);
        float[] pb = scratch.packB(ncMax * kcMax);
        float[] tile = scratch.tile(MR * NR);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float betaBlock = pc == 0 ? beta : 1f;
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, NR, pb, 0);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, MR, pa, 0);
                    macro(kc, pa, pb, 0, mc, 0, nc, mc, nc, c, cOff + ic * ldc + jc, ldc, alpha, betaBlock, tile);
                }
            }
        }
    }

    @Override
    public boolean sharesPacking() {
        return true;
    }

    /**
     * The multi-threaded form: for each {@code (n, k)} block the panels of B, then of a chunk of A, are packed
     * once into the caller's scratch by all threads, and the C tiles of that block are handed out dynamically
     * (so a core slowed by another process takes fewer). Each tile is computed by exactly the arithmetic of
     * {@link #compute}, and {@code k} blocks are applied in order, so the result is bitwise the same.
     */
    @Override
    public void computeShared(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        GemmScratch scratch = GemmScratch.get();
        int chunkMax = Math.min(M_CHUNK, roundUp(m, MR));
        int ncMax = Math.min(NC, roundUp(n, NR));
        int kcMax = Math.min(KC, k);
        float[] pa = scratch.packA(chunkMax * kcMax);
        float[] pb = scratch.packB(ncMax * kcMax);
        for (int jc0 = 0; jc0 < n; jc0 += NC) {
            final int jc = jc0;
            final int nc = Math.min(NC, n - jc);
            final int nPanels = (nc + NR - 1) / NR;
            for (int pc0 = 0; pc0 < k; pc0 += KC) {
                final int pc = pc0;
                final int kc = Math.min(KC, k - pc);
                final float betaBlock = pc == 0 ? beta : 1f;
                Parallel.forEach(Math.min(threads, nPanels), t -> {
                    int q0 = t * nPanels / Math.min(threads, nPanels);
                    int q1 = (t + 1) * nPanels / Math.min(threads, nPanels);
                    GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc + q0 * NR, Math.min(q1 * NR, nc) - q0 * NR,
                            NR, pb, q0 * NR * kc);
                });
                for (int ic0 = 0; ic0 < m; ic0 += M_CHUNK) {
                    final int ic = ic0;
                    final int mc = Math.min(M_CHUNK, m - ic);
                    final int mPanels = (mc + MR - 1) / MR;
                    final int packTasks = Math.min(threads, mPanels);
                    Parallel.forEach(packTasks, t -> {
                        int q0 = t * mPanels / packTasks;
                        int q1 = (t + 1) * mPanels / packTasks;
                        GemmPacking.packA(transA, a, aOff, lda, ic + q0 * MR, Math.min(q1 * MR, mc) - q0 * MR, pc, kc,
                                MR, pa, q0 * MR * kc);
                    });
                    final int rowTiles = (mc + MC - 1) / MC;
                    // Enough tiles for dynamic balance (about 4 per thread), but at least 4 panels wide if possible.
                    int colTilesWanted = Math.max(1, (4 * threads + rowTiles - 1) / rowTiles);
                    final int tileW = NR * Math.max(Math.min(4, nPanels), nPanels / colTilesWanted);
                    final int colTiles = (nc + tileW - 1) / tileW;
                    Parallel.forEach(rowTiles * colTiles, t -> {
                        float[] tile = GemmScratch.get().tile(MR * NR);
                        int r0 = (t / colTiles) * MC;
                        int r1 = Math.min(mc, r0 + MC);
                        int c0 = (t % colTiles) * tileW;
                        int c1 = Math.min(nc, c0 + tileW);
                        macro(kc, pa, pb, r0, r1, c0, c1, mc, nc, c, cOff + ic * ldc + jc, ldc, alpha, betaBlock,
                                tile);
                    });
                }
            }
        }
    }

    /**
     * Rows {@code [r0, r1)} and columns {@code [c0, c1)} of an {@code mc x nc} block of C at {@code cBase}, from
     * packed A and B: B micro-panels outer (each stays in L1), A micro-panels inner. Both the one-thread and the
     * shared path go through here, so the JIT compiles one shape of the hot loop whichever path warms it up
     * (when the kernel was first compiled inside the parallel lambda it ran at half speed).
     */
    private static void macro(int kc, float[] pa, float[] pb, int r0, int r1, int c0, int c1, int mc, int nc,
                              float[] c, int cBase, int ldc, float alpha, float beta, float[] tile) {
        for (int jr = c0; jr < c1; jr += NR) {
            int nv = Math.min(NR, nc - jr);
            for (int ir = r0; ir < r1; ir += MR) {
                kernel(kc, pa, ir * kc, pb, jr * kc, c, cBase + ir * ldc + jr, ldc, alpha, beta, Math.min(MR, mc - ir),
                        nv, tile);
            }
        }
    }

    private static int roundUp(int x, int q) {
        return (x + q - 1) / q * q;
    }

    /**
     * {@code C[0:mv, 0:nv] = alpha * Apanel * Bpanel + beta * C} for one MR x NR tile (C not read when
     * {@code beta == 0}); full tiles are written with vector stores, edge tiles through {@code tile}.
     */
    private static void kernel(int kc, float[] pa, int ai, float[] pb, int bi, float[] c, int ci, int ldc,
                               float alpha, float beta, int mv, int nv, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        FloatVector c60 = c00;
        FloatVector c61 = c00;
        FloatVector c70 = c00;
        FloatVector c71 = c00;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + VL);
            FloatVector av = FloatVector.broadcast(S, pa[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, pa[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, pa[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, pa[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, pa[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, pa[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
            ai += MR;
            bi += NR;
        }
        // The accumulators go through the scratch tile so that no vector crosses a method boundary (a call
        // that is not inlined would box them); the epilogue reloads them.
        c00.intoArray(tile, 0);
        c01.intoArray(tile, VL);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + VL);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + VL);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + VL);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + VL);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + VL);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + VL);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + VL);
        if (mv == MR && nv == NR) {
            storeFull(tile, c, ci, ldc, alpha, beta);
        } else {
            storeEdge(tile, c, ci, ldc, alpha, beta, mv, nv);
        }
    }

    /** A full tile, with vector loads and stores: the same arithmetic as {@link #storeEdge}, element-wise. */
    private static void storeFull(float[] tile, float[] c, int ci, int ldc, float alpha, float beta) {
        for (int r = 0; r < MR; r++) {
            int row = ci + r * ldc;
            for (int j = 0; j < NR; j += VL) {
                FloatVector v = FloatVector.fromArray(S, tile, r * NR + j).mul(alpha);
                if (beta != 0f) {
                    v = v.add(FloatVector.fromArray(S, c, row + j).mul(beta));
                }
                v.intoArray(c, row + j);
            }
        }
    }

    private static void storeEdge(float[] tile, float[] c, int ci, int ldc, float alpha, float beta, int mv,
                                  int nv) {
        for (int r = 0; r < mv; r++) {
            int row = ci + r * ldc;
            int t = r * NR;
            if (beta == 0f) {
                for (int j = 0; j < nv; j++) {
                    c[row + j] = alpha * tile[t + j];
                }
            } else {
                for (int j = 0; j < nv; j++) {
                    c[row + j] = alpha * tile[t + j] + beta * c[row + j];
                }
            }
        }
    }
}
