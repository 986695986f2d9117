package io.gradguard.data;

import io.gradguard.tensor.Tensor;

/** Row gathering for tensors of shape {@code [n, ...]}: copies only the selected rows. */
final class Rows {
    private Rows() {
    }

    /** Elements per row of a {@code [n, ...]} tensor (1 for a rank-1 tensor). */
    static int width(Tensor t) {
        int w = 1;
        for (int i = 1; i < t.rank(); i++) {
            w *= t.dim(i);
        }
        return w;
    }

    /** A new tensor holding rows {@code rows[from..to)} of {@code src}, in that order. */
    static Tensor gather(Tensor src, int[] rows, int from, int to) {
        int w = width(src);
        int[] shape = src.shape();
        shape[0] = to - from;
        float[] out = new float[(to - from) * w];
        float[] in = src.data();
        for (int i = from; i < to; i++) {
            System.arraycopy(in, rows[i] * w, out, (i - from) * w, w);
        }
        return Tensor.of(out, shape);
    }
}
