package io.gradguard.tensor;

/**
 * Packs blocks of {@code op(A)} and {@code op(B)} into the contiguous, zero-padded micro-panel layout a
 * register-blocked kernel streams through (Goto and van de Geijn, "Anatomy of high-performance matrix
 * multiplication", ACM TOMS 34(3), 2008). Packing is where the transposes are resolved, so the kernels only
 * ever see one layout.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * Packs rows {@code [i0, i0+mc)} and columns {@code [p0, p0+kc)} of {@code op(A)} into panels of
     * {@code mr} rows: panel {@code q} holds, for each {@code p}, the {@code mr} values of column {@code p}
     * ({@code dst[dstOff + q*mr*kc + p*mr + r] = op(A)[i0 + q*mr + r, p0 + p]}), rows past {@code mc} zero.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, int mr,
                      float[] dst, int dstOff) {
        int d = dstOff;
        for (int q = 0; q < mc; q += mr) {
            int rows = Math.min(mr, mc - q);
            if (transA) { // stored A is [k, m]: column p of op(A) is row p of A, contiguous
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + q;
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = a[src + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        dst[d + r] = 0f;
                    }
                    d += mr;
                }
            } else { // stored A is [m, k]: read each row contiguously, write with stride mr
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + q + r) * lda + p0;
                    for (int p = 0, o = d + r; p < kc; p++, o += mr) {
                        dst[o] = a[src + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0, o = d + r; p < kc; p++, o += mr) {
                        dst[o] = 0f;
                    }
                }
                d += mr * kc;
            }
        }
    }

    /**
     * Packs rows {@code [p0, p0+kc)} and columns {@code [j0, j0+nc)} of {@code op(B)} into panels of
     * {@code nr} columns: {@code dst[dstOff + q*nr*kc + p*nr + j] = op(B)[p0 + p, j0 + q*nr + j]}, columns past
     * {@code nc} zero.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, int nr,
                      float[] dst, int dstOff) {
        int d = dstOff;
        for (int q = 0; q < nc; q += nr) {
            int cols = Math.min(nr, nc - q);
            if (transB) { // stored B is [n, k]: column j of op(B) is row j of B, contiguous
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + q + j) * ldb + p0;
                    for (int p = 0, o = d + j; p < kc; p++, o += nr) {
                        dst[o] = b[src + p];
                    }
                }
                for (int j = cols; j < nr; j++) {
                    for (int p = 0, o = d + j; p < kc; p++, o += nr) {
                        dst[o] = 0f;
                    }
                }
                d += nr * kc;
            } else { // stored B is [k, n]: each row segment is contiguous
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + q;
                    System.arraycopy(b, src, dst, d, cols);
                    for (int j = cols; j < nr; j++) {
                        dst[d + j] = 0f;
                    }
                    d += nr;
                }
            }
        }
    }
}
