package io.gradguard.tensor;

/** The two forms behind {@link VectorKernels}; arguments are already checked. */
interface VectorKernelsImpl {
    String name();

    void axpy(float a, float[] x, float[] y, int n);

    void scale(float a, float[] x, int n);

    double sumSquares(float[] x, int off, int n);

    void reluBackward(float[] x, float[] g, float[] gx, int n);

    /** Plain loops (C2 auto-vectorises the first two). */
    final class Plain implements VectorKernelsImpl {
        @Override
        public String name() {
            return "scalar";
        }

        @Override
        public void axpy(float a, float[] x, float[] y, int n) {
            for (int i = 0; i < n; i++) {
                y[i] += a * x[i];
            }
        }

        @Override
        public void scale(float a, float[] x, int n) {
            for (int i = 0; i < n; i++) {
                x[i] *= a;
            }
        }

        @Override
        public double sumSquares(float[] x, int off, int n) {
            double s = 0;
            for (int i = off; i < off + n; i++) {
                double v = x[i];
                s += v * v;
            }
            return s;
        }

        @Override
        public void reluBackward(float[] x, float[] g, float[] gx, int n) {
            for (int i = 0; i < n; i++) {
                gx[i] += x[i] > 0f ? g[i] : 0f;
            }
        }
    }
}
