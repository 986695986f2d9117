package io.gradguard.autograd;

/**
 * GRU cell ({@code torch.nn.GRU}); with the blocks {@code [r | z | n]} of {@code W_ih} and {@code W_hh}:
 * <pre>
 *   r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)     z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r * (W_hn h + b_hn))  h' = (1 - z) * n + z * h
 * </pre>
 * {@code b_hn} stays inside the reset product, so only {@code b_hr, b_hz} are folded into the input
 * projection. Backward, with {@code q = W_hn h + b_hn}: {@code dz = dh' (h - n)}, {@code dn = dh' (1 - z)},
 * {@code da_n = dn (1 - n^2)}, {@code dr = da_n q}, {@code dq = da_n r}, {@code dh = dh' z + (recurrent
 * products)}. The input-side gradient of the n block is {@code da_n}, the recurrent side's {@code da_n r}.
 */
final class RecurrentGruKernel extends RecurrentKernel {
    private final float[] bhn;
    private final float[] q;
    private float[] gates;
    private float[] out;

    /** @param bhh {@code b_hh [3 hidden]}, or {@code null} without biases */
    RecurrentGruKernel(int batch, int steps, int hidden, float[] bhh) {
        super(batch, steps, hidden, 3);
        this.bhn = bhh;
        this.q = new float[batch * steps * hidden];
    }

    @Override
    int foldedHiddenBias() {
        return 2 * hidden;
    }

    @Override
    boolean separateHiddenGrad() {
        return true;
    }

    @Override
    void forward(int t, float[] xp, float[] hp, float[] out) {
        this.gates = xp;
        this.out = out;
        int h = hidden;
        for (int b = 0; b < batch; b++) {
            int gr = row(b, t, gh);
            int hr = row(b, t, h);
            int prev = t == 0 ? -1 : row(b, t - 1, h);
            int pb = b * gh;
            for (int j = 0; j < h; j++) {
                float r = sigmoid(xp[gr + j] + hp[pb + j]);
                float z = sigmoid(xp[gr + h + j] + hp[pb + h + j]);
                float qv = hp[pb + 2 * h + j] + (bhn == null ? 0f : bhn[2 * h + j]);
                float n = tanh(xp[gr + 2 * h + j] + r * qv);
                float hPrev = prev < 0 ? 0f : out[prev + j];
                xp[gr + j] = r;
                xp[gr + h + j] = z;
                xp[gr + 2 * h + j] = n;
                q[hr + j] = qv;
                out[hr + j] = (1f - z) * n + z * hPrev;
            }
        }
    }

    @Override
    void backward(int t, float[] dh, float[] dx, float[] dr, float[] dhPrev) {
        int h = hidden;
        for (int b = 0; b < batch; b++) {
            int gr = row(b, t, gh);
            int hr = row(b, t, h);
            int prev = t == 0 ? -1 : row(b, t - 1, h);
            int hb = b * h;
            for (int j = 0; j < h; j++) {
                float r = gates[gr + j];
                float z = gates[gr + h + j];
                float n = gates[gr + 2 * h + j];
                float hPrev = prev < 0 ? 0f : out[prev + j];
                float dhv = dh[hb + j];
                float dan = dhv * (1f - z) * (1f - n * n);
                float dar = dan * q[hr + j] * r * (1f - r);
                float daz = dhv * (hPrev - n) * z * (1f - z);
                dx[gr + j] = dar;
                dx[gr + h + j] = daz;
                dx[gr + 2 * h + j] = dan;
                dr[gr + j] = dar;
                dr[gr + h + j] = daz;
                dr[gr + 2 * h + j] = dan * r;
                dhPrev[hb + j] = dhv * z;
            }
        }
    }
}
