package io.gradguard.autograd;

import java.util.Arrays;

/**
 * LSTM cell ({@code torch.nn.LSTM}); with {@code a = x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh} split into
 * the blocks {@code [i | f | g | o]}:
 * <pre>
 *   i = sigmoid(a_i)   f = sigmoid(a_f)   g = tanh(a_g)   o = sigmoid(a_o)
 *   c_t = f * c_{t-1} + i * g             h_t = o * tanh(c_t)
 * </pre>
 * Backward, with {@code dc} carrying the gradient of {@code c_t} from step {@code t + 1}:
 * {@code dc += dh o (1 - tanh(c_t)^2)}, {@code do = dh tanh(c_t)}, {@code di = dc g}, {@code dg = dc i},
 * {@code df = dc c_{t-1}}, {@code dc_{t-1} = dc f}; each gate's pre-activation gradient multiplies by its
 * activation's derivative ({@code y (1 - y)} or {@code 1 - y^2}). The gates, {@code c} and {@code tanh(c)}
 * are kept for backward; the gates overwrite the input projection in place. Rows (batch entries) are
 * independent, so each step's rows are split over the {@link RecurrentKernel#forEachRowBlock} threads: the
 * five sigmoid/tanh per element were a fifth of the LSTM step on one thread.
 */
final class RecurrentLstmKernel extends RecurrentKernel {
    private final float[] c;
    private final float[] tc;
    private final float[] dcNext;
    private float[] gates;

    RecurrentLstmKernel(int batch, int steps, int hidden) {
        super(batch, steps, hidden, 4);
        this.c = new float[batch * steps * hidden];
        this.tc = new float[batch * steps * hidden];
        this.dcNext = new float[batch * hidden];
    }

    @Override
    void forward(int t, float[] xp, float[] hp, float[] out) {
        gates = xp;
        forEachRowBlock((lo, hi) -> forwardRows(t, xp, hp, out, lo, hi));
    }

    private void forwardRows(int t, float[] xp, float[] hp, float[] out, int lo, int hi) {
        int h = hidden;
        for (int b = lo; b < hi; b++) {
            int gr = row(b, t, gh);
            int hr = row(b, t, h);
            int prev = t == 0 ? -1 : row(b, t - 1, h);
            int pb = b * gh;
            for (int j = 0; j < h; j++) {
                float i = sigmoid(xp[gr + j] + hp[pb + j]);
                float f = sigmoid(xp[gr + h + j] + hp[pb + h + j]);
                float g = tanh(xp[gr + 2 * h + j] + hp[pb + 2 * h + j]);
                float o = sigmoid(xp[gr + 3 * h + j] + hp[pb + 3 * h + j]);
                float cPrev = prev < 0 ? 0f : c[prev + j];
                float cv = f * cPrev + i * g;
                float tcv = tanh(cv);
                xp[gr + j] = i;
                xp[gr + h + j] = f;
                xp[gr + 2 * h + j] = g;
                xp[gr + 3 * h + j] = o;
                c[hr + j] = cv;
                tc[hr + j] = tcv;
                out[hr + j] = o * tcv;
            }
        }
    }

    @Override
    void backward(int t, float[] dh, float[] dx, float[] dr, float[] dhPrev) {
        forEachRowBlock((lo, hi) -> backwardRows(t, dh, dx, lo, hi));
        Arrays.fill(dhPrev, 0f);
    }

    private void backwardRows(int t, float[] dh, float[] dx, int lo, int hi) {
        int h = hidden;
        for (int b = lo; b < hi; b++) {
            int gr = row(b, t, gh);
            int hr = row(b, t, h);
            int prev = t == 0 ? -1 : row(b, t - 1, h);
            int hb = b * h;
            for (int j = 0; j < h; j++) {
                float i = gates[gr + j];
                float f = gates[gr + h + j];
                float g = gates[gr + 2 * h + j];
                float o = gates[gr + 3 * h + j];
                float tcv = tc[hr + j];
                float dhv = dh[hb + j];
                float dc = dcNext[hb + j] + dhv * o * (1f - tcv * tcv);
                float cPrev = prev < 0 ? 0f : c[prev + j];
                dx[gr + j] = dc * g * i * (1f - i);
                dx[gr + h + j] = dc * cPrev * f * (1f - f);
                dx[gr + 2 * h + j] = dc * i * (1f - g * g);
                dx[gr + 3 * h + j] = dhv * tcv * o * (1f - o);
                dcNext[hb + j] = dc * f;
            }
        }
    }
}
