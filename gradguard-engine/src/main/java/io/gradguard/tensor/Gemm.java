package io.gradguard.tensor;

import java.util.Arrays;

/**
 * Single-precision matrix multiply, BLAS {@code sgemm} semantics on row-major arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or its transpose.
 *
 * <p>{@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n}, {@code C} is {@code m x n}. {@code lda},
 * {@code ldb}, {@code ldc} are the row strides of the arrays as stored (so for {@code transA} the stored A
 * is {@code k x m} with stride {@code lda >= m}). With {@code beta == 0} C is overwritten without being read,
 * so NaNs already in C do not leak (as in BLAS).
 *
 * <p>Two implementations: {@code vector} (packed panels and an FMA micro-kernel on {@code jdk.incubator.vector},
 * used when that module is in the boot layer, i.e. the JVM runs with
 * {@code --add-modules=jdk.incubator.vector}) and {@code scalar} (plain blocked Java). The system property
 * {@code gradguard.gemm=vector|scalar} forces one; {@link #implementation()} says which is in use. Problems
 * with {@code m*n*k >= }{@value #PARALLEL_MIN_WORK} are split over {@link Parallel#threads()} threads by
 * partitioning C only, never {@code k}, so every element is summed in the same order whatever the thread
 * count and results are bitwise reproducible.
 */
public final class Gemm {
    /** System property forcing the implementation: {@code vector} or {@code scalar}. */
    public static final String IMPL_PROPERTY = "gradguard.gemm";
    /**
     * Below this many multiply-adds ({@code m*n*k}, about 80^3) a call runs on the calling thread only: measured
     * on 2 cores, a 64^3 product ran faster on one thread and a 96^3 one on two.
     */
    static final long PARALLEL_MIN_WORK = 1L << 19;
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final GemmBackend BACKEND = select(System.getProperty(IMPL_PROPERTY));

    private Gemm() {
    }

    /** The implementation in use: {@code "vector"} or {@code "scalar"}. */
    public static String implementation() {
        return BACKEND.name();
    }

    /** Whether the Vector API module is in the boot layer (the JVM was started with it). */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemm(BACKEND, Parallel.threads(), transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c,
                cOff, ldc);
    }

    /** {@link #sgemm} on a given backend and at most {@code threads} threads (tests and benchmarks). */
    static void sgemm(GemmBackend backend, int threads, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        checkDims(m, n, k);
        checkMatrix("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(beta, c, cOff, ldc, m, n);
            return;
        }
        long work = (long) m * n * k;
        int rg = backend.rowGrain();
        int cg = backend.colGrain();
        int rowBlocks = (m + rg - 1) / rg;
        int colBlocks = (n + cg - 1) / cg;
        int tasks = work < PARALLEL_MIN_WORK ? 1 : Math.min(threads, rowBlocks * colBlocks);
        if (tasks <= 1) {
            backend.compute(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (backend.sharesPacking()) {
            backend.computeShared(threads, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
                    ldc);
            return;
        }
        int tm = rowSplits(tasks, rowBlocks, colBlocks, m, n);
        int tn = tasks / tm;
        Parallel.forEach(tm * tn, t -> {
            int i0 = Math.min(m, (t / tn) * rowBlocks / tm * rg);
            int i1 = Math.min(m, (t / tn + 1) * rowBlocks / tm * rg);
            int j0 = Math.min(n, (t % tn) * colBlocks / tn * cg);
            int j1 = Math.min(n, (t % tn + 1) * colBlocks / tn * cg);
            if (i1 > i0 && j1 > j0) {
                backend.compute(transA, transB, i1 - i0, j1 - j0, k, alpha,
                        a, aOff + (transA ? i0 : i0 * lda), lda,
                        b, bOff + (transB ? j0 * ldb : j0), ldb,
                        beta, c, cOff + i0 * ldc + j0, ldc);
            }
        });
    }

    /** How many row strips to cut C into for {@code tasks} tiles: the divisor giving the squarest tiles. */
    private static int rowSplits(int tasks, int rowBlocks, int colBlocks, int m, int n) {
        int best = 1;
        double bestScore = Double.MAX_VALUE;
        for (int tm = 1; tm <= tasks; tm++) {
            if (tasks % tm != 0 || tm > rowBlocks || tasks / tm > colBlocks) {
                continue;
            }
            double h = (double) m / tm;
            double w = (double) n / (tasks / tm);
            double score = Math.max(h, w) / Math.min(h, w);
            if (score < bestScore) {
                bestScore = score;
                best = tm;
            }
        }
        if (bestScore == Double.MAX_VALUE) { // no exact grid fits: cut the longer side only
            return rowBlocks >= colBlocks ? Math.min(tasks, rowBlocks) : 1;
        }
        return best;
    }

    /** {@code C = beta * C}, with {@code beta == 0} writing zeros without reading C. */
    private static void scale(float beta, float[] c, int cOff, int ldc, int m, int n) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1f) {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }

    private static void checkDims(int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: dimensions must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
    }

    /** Checks a stored {@code rows x cols} matrix with row stride {@code ld} fits in {@code x} from {@code off}. */
    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (ld < cols) {
            throw new IllegalArgumentException("sgemm: ld" + name.toLowerCase() + "=" + ld + " is less than the "
                    + cols + " columns of the stored " + name + " [" + rows + ", " + cols + "]");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long end = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || end > x.length) {
            throw new IllegalArgumentException("sgemm: stored " + name + " [" + rows + ", " + cols + "] with ld"
                    + name.toLowerCase() + "=" + ld + " at offset " + off + " needs " + end
                    + " elements but the array has " + x.length);
        }
    }

    /** Convenience: {@code C = op(A) op(B)} for dense 2-D tensors, shape-checked. */
    public static Tensor matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("matmul expects 2-D tensors but got " + Shapes.str(a.shape())
                    + " and " + Shapes.str(b.shape()));
        }
        int m = transA ? a.dim(1) : a.dim(0);
        int ka = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + opShape(a, transA) + " x "
                    + opShape(b, transB));
        }
        Tensor c = Tensor.zeros(m, n);
        sgemm(transA, transB, m, n, ka, 1f, a.data(), 0, a.dim(1), b.data(), 0, b.dim(1), 0f, c.data(), 0, n);
        return c;
    }

    private static String opShape(Tensor t, boolean trans) {
        return trans ? Shapes.str(t.shape()) + "^T" : Shapes.str(t.shape());
    }

    /** The backend named {@code name} ({@code vector} needs the module), or the best available if null. */
    static GemmBackend select(String name) {
        if (name == null || name.isBlank()) {
            return vectorModulePresent() ? load("io.gradguard.tensor.GemmVector") : new GemmScalar();
        }
        switch (name.trim()) {
            case "scalar":
                return new GemmScalar();
            case "vector":
                if (!vectorModulePresent()) {
                    throw new IllegalStateException(IMPL_PROPERTY + "=vector but the module " + VECTOR_MODULE
                            + " is not in the boot layer; start the JVM with --add-modules=" + VECTOR_MODULE);
                }
                return load("io.gradguard.tensor.GemmVector");
            default:
                throw new IllegalArgumentException("system property " + IMPL_PROPERTY
                        + " must be 'vector' or 'scalar', got '" + name + "'");
        }
    }

    /** Loads a class that links against the Vector API only when asked, so the engine runs without it. */
    static <T> T load(String className) {
        try {
            @SuppressWarnings("unchecked")
            T t = (T) Class.forName(className).getDeclaredConstructor().newInstance();
            return t;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + className, e);
        }
    }
}
