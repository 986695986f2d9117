package io.gradguard.autograd;

import java.util.Arrays;

/**
 * Elman cell ({@code torch.nn.RNN}): {@code h_t = act(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)} with
 * {@code act} tanh or ReLU. Backward: {@code da = dh * act'(a)}, where {@code tanh' = 1 - h^2} and
 * {@code relu' = [h > 0]} (0 at the kink, as PyTorch), read from the stored output {@code h}.
 */
final class RecurrentElmanKernel extends RecurrentKernel {
    private final boolean relu;
    private float[] out;

    RecurrentElmanKernel(int batch, int steps, int hidden, boolean relu) {
        super(batch, steps, hidden, 1);
        this.relu = relu;
    }

    @Override
    void forward(int t, float[] xp, float[] hp, float[] out) {
        this.out = out;
        for (int b = 0; b < batch; b++) {
            int r = row(b, t, hidden);
            int hb = b * hidden;
            for (int j = 0; j < hidden; j++) {
                float a = xp[r + j] + hp[hb + j];
                out[r + j] = relu ? (a > 0f ? a : 0f) : tanh(a);
            }
        }
    }

    @Override
    void backward(int t, float[] dh, float[] dx, float[] dr, float[] dhPrev) {
        for (int b = 0; b < batch; b++) {
            int r = row(b, t, hidden);
            int hb = b * hidden;
            for (int j = 0; j < hidden; j++) {
                float h = out[r + j];
                float d = relu ? (h > 0f ? 1f : 0f) : 1f - h * h;
                dx[r + j] = dh[hb + j] * d;
            }
        }
        Arrays.fill(dhPrev, 0f);
    }
}
