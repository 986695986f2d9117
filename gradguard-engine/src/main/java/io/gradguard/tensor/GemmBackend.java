package io.gradguard.tensor;

/**
 * One single-threaded sgemm implementation. {@link Gemm} validates the arguments, handles the trivial cases
 * ({@code m == 0}, {@code n == 0}, {@code k == 0}, {@code alpha == 0}) and splits the output across threads;
 * a backend computes one block of C with {@code m, n, k >= 1}.
 *
 * <p>Contract for determinism: the value written to an element of C must depend only on the inputs, never on
 * where the element sits in the block it was given (so any partition of C gives bitwise equal results).
 */
interface GemmBackend {
    /** The name reported by {@link Gemm#implementation()}. */
    String name();

    /** Partitions of the rows of C should be multiples of this (the micro-tile height). */
    int rowGrain();

    /** Partitions of the columns of C should be multiples of this (the micro-tile width). */
    int colGrain();

    void compute(boolean transA, boolean transB, int m, int n, int k, float alpha,
                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                 float beta, float[] c, int cOff, int ldc);

    /** Whether {@link #computeShared} is implemented; otherwise {@link Gemm} partitions C across threads. */
    default boolean sharesPacking() {
        return false;
    }

    /**
     * Computes the whole product on up to {@code threads} threads of {@link Parallel}, packing each panel once
     * for all of them. Must give bitwise the same C as {@link #compute}.
     */
    default void computeShared(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException(name() + " has no shared-packing parallel path");
    }
}
