package io.gradguard.tensor;

import java.util.Arrays;

/**
 * Plain-Java SGEMM for JVMs without {@code jdk.incubator.vector}: B is packed in blocks of {@value #KC} x
 * {@value #NC} (one array per row, transposes resolved), and each row of C is accumulated as a sum of scaled rows of
 * that block. The inner loop {@code acc[j] += a * b[j]} is a unit-stride loop the JIT auto-vectorises.
 * Each element of C is {@code alpha * acc + beta * c} with {@code acc} summed over {@code k} in order.
 */
final class GemmScalar implements GemmBackend {
    static final int KC = 256;
    static final int NC = 512;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int rowGrain() {
        return 1;
    }

    @Override
    public int colGrain() {
        return 16;
    }

    @Override
    public void compute(boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc) {
        GemmScratch scratch = GemmScratch.get();
        int kcMax = Math.min(KC, k);
        int ncMax = Math.min(NC, n);
        float[][] pb = scratch.rows(kcMax, ncMax);
        float[] arow = scratch.packA(kcMax);
        float[] acc = scratch.tile(ncMax);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float betaBlock = pc == 0 ? beta : 1f;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, pb);
                for (int i = 0; i < m; i++) {
                    if (transA) {
                        for (int p = 0; p < kc; p++) {
                            arow[p] = a[aOff + (pc + p) * lda + i];
                        }
                    } else {
                        System.arraycopy(a, aOff + i * lda + pc, arow, 0, kc);
                    }
                    Arrays.fill(acc, 0, nc, 0f);
                    for (int p = 0; p < kc; p++) {
                        axpy(arow[p], pb[p], acc, nc);
                    }
                    int row = cOff + i * ldc + jc;
                    if (betaBlock == 0f) {
                        for (int j = 0; j < nc; j++) {
                            c[row + j] = alpha * acc[j];
                        }
                    } else {
                        for (int j = 0; j < nc; j++) {
                            c[row + j] = alpha * acc[j] + betaBlock * c[row + j];
                        }
                    }
                }
            }
        }
    }

    /** {@code y += s x}; both arrays start at 0, which is what lets C2 vectorise this loop (JDK 17). */
    private static void axpy(float s, float[] x, float[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += s * x[j];
        }
    }

    /** {@code dst[p][j] = op(B)[p0 + p, j0 + j]}. */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                              float[][] dst) {
        if (transB) {
            for (int j = 0; j < nc; j++) {
                int src = bOff + (j0 + j) * ldb + p0;
                for (int p = 0; p < kc; p++) {
                    dst[p][j] = b[src + p];
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOff + (p0 + p) * ldb + j0, dst[p], 0, nc);
            }
        }
    }
}
