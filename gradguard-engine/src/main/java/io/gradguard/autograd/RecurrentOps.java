package io.gradguard.autograd;

import io.gradguard.tensor.Gemm;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One recurrent layer over a whole batch-first sequence, as one op whose backward rule is full
 * backpropagation through time. The cell's equations (see {@link RecurrentCell} and the kernels) follow
 * {@code torch.nn.RNN}, {@code torch.nn.LSTM} and {@code torch.nn.GRU}, with a zero initial state.
 *
 * <p>Forward: one GEMM projects every step's input at once, {@code XP = X W_ih^T + b_ih (+ b_hh)} with
 * {@code X} viewed as {@code [batch * T, in]}; then for each step {@code t} one GEMM
 * {@code h_{t-1} W_hh^T} (read straight out of the output sequence with a row stride of {@code T * hidden})
 * and the cell's elementwise step.
 *
 * <p>Backward (BPTT): from {@code t = T - 1} down to 0, {@code dh_t = dOut_t + dh_t^rec}, the cell's
 * backward step gives the pre-activation gradients {@code dA_t}, and {@code dh_{t-1}^rec = dA_t W_hh}
 * (plus GRU's direct {@code z * dh_t}). The weight gradients are then single GEMMs over all steps,
 * accumulated in place ({@code beta = 1}): {@code dW_ih += dA^T X}, {@code dW_hh += dA^T H_prev} with
 * {@code H_prev} the output sequence shifted by one step, {@code dX += dA W_ih}; bias gradients are column
 * sums. No weight-sized array is allocated per step.
 */
public final class RecurrentOps {
    private RecurrentOps() {
    }

    /**
     * Runs {@code cell} over {@code x [batch, T, in]} and returns the hidden sequence {@code [batch, T, hidden]}.
     *
     * @param wIh {@code weight_ih [G*hidden, in]}
     * @param wHh {@code weight_hh [G*hidden, hidden]}
     * @param bIh {@code bias_ih [G*hidden]}, or {@code null}
     * @param bHh {@code bias_hh [G*hidden]}, or {@code null}
     */
    public static Var layer(Var x, Var wIh, Var wHh, Var bIh, Var bHh, RecurrentCell cell) {
        String op = cell.label();
        ShapeErrors.requireRank(op, wHh, 2, "a 2-D weight_hh [G*hidden, hidden]");
        int hidden = wHh.value().dim(1);
        int gh = cell.gates() * hidden;
        if (wHh.value().dim(0) != gh) {
            throw ShapeErrors.mismatch(op, "weight_hh [" + gh + ", " + hidden + "] (" + cell.gates()
                    + " gates of " + hidden + ")", wHh.shape());
        }
        ShapeErrors.requireRank(op, wIh, 2, "a 2-D weight_ih [" + gh + ", in]");
        int in = wIh.value().dim(1);
        if (wIh.value().dim(0) != gh) {
            throw ShapeErrors.mismatch(op, "weight_ih [" + gh + ", " + in + "]", wIh.shape());
        }
        if (x.value().rank() != 3 || x.value().dim(2) != in) {
            throw ShapeErrors.mismatch(op, "input [batch, T, " + in + "]", x.shape());
        }
        if ((bIh == null) != (bHh == null)) {
            throw new IllegalArgumentException(op + ": bias_ih and bias_hh must both be given or both be null");
        }
        if (bIh != null && !bIh.value().sameShape(gh)) {
            throw ShapeErrors.mismatch(op, "bias_ih [" + gh + "]", bIh.shape());
        }
        if (bHh != null && !bHh.value().sameShape(gh)) {
            throw ShapeErrors.mismatch(op, "bias_hh [" + gh + "]", bHh.shape());
        }
        int batch = x.value().dim(0);
        int steps = x.value().dim(1);
        RecurrentKernel kernel = kernel(cell, batch, steps, hidden, bHh == null ? null : bHh.value().data());
        float[] xd = x.value().data();
        float[] wih = wIh.value().data();
        float[] whh = wHh.value().data();
        int rows = batch * steps;

        float[] xp = new float[rows * gh];
        if (bIh != null) {
            float[] bias = bIh.value().data().clone();
            float[] bhh = bHh.value().data();
            for (int j = 0; j < kernel.foldedHiddenBias(); j++) {
                bias[j] += bhh[j];
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bias, 0, xp, r * gh, gh);
            }
        }
        if (rows > 0) {
            Gemm.sgemm(false, true, rows, gh, in, 1f, xd, 0, in, wih, 0, in, bIh == null ? 0f : 1f, xp, 0, gh);
        }
        float[] out = new float[rows * hidden];
        float[] hp = new float[batch * gh];
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                Gemm.sgemm(false, true, batch, gh, hidden, 1f, out, (t - 1) * hidden, steps * hidden, whh, 0,
                        hidden, 0f, hp, 0, gh);
            }
            kernel.forward(t, xp, hp, out);
        }
        List<Var> inputs = new ArrayList<>(List.of(x, wIh, wHh));
        if (bIh != null) {
            inputs.add(bIh);
            inputs.add(bHh);
        }
        return Var.result(Tensor.of(out, batch, steps, hidden), op, g -> {
            float[] gd = g.data();
            float[] dx = new float[rows * gh];
            float[] dr = kernel.separateHiddenGrad() ? new float[rows * gh] : dx;
            float[] dh = new float[batch * hidden];
            float[] dhRec = new float[batch * hidden];
            for (int t = steps - 1; t >= 0; t--) {
                for (int b = 0; b < batch; b++) {
                    int src = (b * steps + t) * hidden;
                    int dst = b * hidden;
                    for (int j = 0; j < hidden; j++) {
                        dh[dst + j] = gd[src + j] + dhRec[dst + j];
                    }
                }
                kernel.backward(t, dh, dx, dr, dhRec);
                if (t > 0) {
                    Gemm.sgemm(false, false, batch, hidden, gh, 1f, dr, t * gh, steps * gh, whh, 0, hidden, 1f,
                            dhRec, 0, hidden);
                }
            }
            if (rows == 0) {
                return;
            }
            if (wHh.requiresGrad() && steps > 1) {
                float[] hPrev = new float[rows * hidden];
                for (int b = 0; b < batch; b++) {
                    int base = b * steps * hidden;
                    System.arraycopy(out, base, hPrev, base + hidden, (steps - 1) * hidden);
                }
                Gemm.sgemm(true, false, gh, hidden, rows, 1f, dr, 0, gh, hPrev, 0, hidden, 1f,
                        wHh.gradBuffer().data(), 0, hidden);
            }
            if (wIh.requiresGrad()) {
                Gemm.sgemm(true, false, gh, in, rows, 1f, dx, 0, gh, xd, 0, in, 1f, wIh.gradBuffer().data(), 0, in);
            }
            if (x.requiresGrad()) {
                Gemm.sgemm(false, false, rows, in, gh, 1f, dx, 0, gh, wih, 0, in, 1f, x.gradBuffer().data(), 0, in);
            }
            if (bIh != null && bIh.requiresGrad()) {
                addColumnSums(dx, rows, gh, bIh.gradBuffer().data());
            }
            if (bHh != null && bHh.requiresGrad()) {
                addColumnSums(dr, rows, gh, bHh.gradBuffer().data());
            }
        }, inputs.toArray(new Var[0]));
    }

    private static RecurrentKernel kernel(RecurrentCell cell, int batch, int steps, int hidden, float[] bhh) {
        return switch (cell) {
            case RNN_TANH -> new RecurrentElmanKernel(batch, steps, hidden, false);
            case RNN_RELU -> new RecurrentElmanKernel(batch, steps, hidden, true);
            case LSTM -> new RecurrentLstmKernel(batch, steps, hidden);
            case GRU -> new RecurrentGruKernel(batch, steps, hidden, bhh);
        };
    }

    /** {@code acc[j] += sum over rows of m[r, j]}, summed in double. */
    private static void addColumnSums(float[] m, int rows, int cols, float[] acc) {
        double[] s = new double[cols];
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            for (int j = 0; j < cols; j++) {
                s[j] += m[off + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            acc[j] += (float) s[j];
        }
    }
}
