package io.gradguard.autograd;

import io.gradguard.tensor.Parallel;

/**
 * The elementwise part of one recurrent cell, one time step at a time; {@link RecurrentOps} does the matrix
 * products around it. Buffers are row-major {@code [batch, T, width]}: row {@code (b, t)} starts at
 * {@code (b * T + t) * width}. A kernel keeps what its backward step needs from the forward steps.
 */
abstract class RecurrentKernel {
    /** Fewest batch rows worth handing to another thread (a row is {@code hidden} cells of the step). */
    static final int MIN_ROWS_PER_BLOCK = 8;

    final int batch;
    final int steps;
    final int hidden;
    final int gh;

    RecurrentKernel(int batch, int steps, int hidden, int gates) {
        this.batch = batch;
        this.steps = steps;
        this.hidden = hidden;
        this.gh = gates * hidden;
    }

    /** Offset of row {@code (b, t)} in a {@code [batch, T, width]} buffer. */
    final int row(int b, int t, int width) {
        return (b * steps + t) * width;
    }

    /** Work on the rows {@code [lo, hi)} of one step. */
    interface RowBlock {
        void run(int lo, int hi);
    }

    /**
     * Runs {@code body} over the batch rows split into {@link Parallel#threads()} contiguous blocks, on the
     * shared pool; each row is computed exactly as on one thread, so results do not depend on the split.
     * Small batches (under {@value #MIN_ROWS_PER_BLOCK} rows a block) stay on the calling thread.
     */
    final void forEachRowBlock(RowBlock body) {
        int blocks = Math.max(1, Math.min(Parallel.threads(), batch / MIN_ROWS_PER_BLOCK));
        if (blocks == 1) {
            body.run(0, batch);
            return;
        }
        Parallel.forEach(blocks, k -> body.run(k * batch / blocks, (k + 1) * batch / blocks));
    }

    /** How many leading entries of {@code b_hh} are added to the input projection (all but GRU's {@code b_hn}). */
    int foldedHiddenBias() {
        return gh;
    }

    /**
     * Whether the gradient of the recurrent pre-activations {@code h W_hh^T + b_hh} differs from that of the
     * input pre-activations {@code x W_ih^T + b_ih} (only for GRU, where {@code r} multiplies {@code W_hn h}).
     */
    boolean separateHiddenGrad() {
        return false;
    }

    /**
     * Step {@code t} forward: {@code xp} holds the input projection with the folded biases for every step
     * (the kernel may overwrite row {@code t} with what backward needs), {@code hp [batch, G*hidden]} holds
     * {@code h_{t-1} W_hh^T} (zeros at {@code t = 0}); writes {@code h_t} into row {@code t} of {@code out}.
     */
    abstract void forward(int t, float[] xp, float[] hp, float[] out);

    /**
     * Step {@code t} backward, steps visited from {@code T - 1} down to 0. {@code dh [batch, hidden]} is the
     * whole gradient with respect to {@code h_t}. Writes the gradient of the input pre-activations into row
     * {@code t} of {@code dx [batch, T, G*hidden]}, and that of the recurrent pre-activations into row
     * {@code t} of {@code dr} (the same array unless {@link #separateHiddenGrad()}); overwrites
     * {@code dhPrev [batch, hidden]} with the part of the gradient of {@code h_{t-1}} that does not pass
     * through {@code W_hh}.
     */
    abstract void backward(int t, float[] dh, float[] dx, float[] dr, float[] dhPrev);

    /**
     * {@code 1 / (1 + e^-x)} in double, without a branch: for a float {@code x}, {@code e^-x} overflows only to
     * infinity (giving 0) or underflows to 0 (giving 1), and both are the correctly rounded float results.
     */
    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
    }

    /**
     * {@code tanh(x)} rounded to float, as {@code (float) Math.tanh(x)} but about three times faster (HotSpot
     * intrinsifies {@code Math.exp}, not {@code Math.tanh}): {@code 1 - 2 / (e^{2|x|} + 1)} in double, whose
     * relative error (at most ~1e-16 / tanh|x|, so 2e-13 at |x| = 5e-4) vanishes in the rounding to float,
     * and the series {@code x - x^3 / 3} below |x| = 5e-4 (truncation 2|x|^5/15, under 1e-17 relative). It
     * agreed with {@code (float) Math.tanh} on all of 4 million N(0, 9) samples.
     */
    static float tanh(float x) {
        double ax = Math.abs(x);
        if (ax < 5e-4) {
            return (float) (x - (double) x * x * x / 3.0);
        }
        return (float) Math.copySign(1.0 - 2.0 / (Math.exp(2 * ax) + 1.0), x);
    }
}
