package io.gradguard.nn;

import io.gradguard.autograd.MatrixOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;

/**
 * A fully connected layer, {@code y = x W^T + b} ({@code torch.nn.Linear}): {@code weight [out, in]},
 * {@code bias [out]}.
 *
 * <p>Default initialisation is PyTorch's: {@code kaiming_uniform_(a=sqrt(5))} for the weight, which is
 * {@code U(-1/sqrt(in), 1/sqrt(in))}, and {@code U(-1/sqrt(in), 1/sqrt(in))} for the bias.
 */
public final class Dense extends Module {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public Dense(int in, int out, boolean bias, Rng rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Dense needs in > 0 and out > 0, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        double bound = 1.0 / Math.sqrt(in);
        Tensor w = Tensor.zeros(out, in);
        float[] wd = w.data();
        for (int i = 0; i < wd.length; i++) {
            wd[i] = (float) rng.uniform(-bound, bound);
        }
        this.weight = parameter("weight", w);
        if (bias) {
            Tensor b = Tensor.zeros(out);
            float[] bd = b.data();
            for (int i = 0; i < bd.length; i++) {
                bd[i] = (float) rng.uniform(-bound, bound);
            }
            this.bias = parameter("bias", b);
        } else {
            this.bias = null;
        }
    }

    @Override
    protected Var compute(Var x) {
        return MatrixOps.linear(x, weight, bias);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} when built with {@code bias=false}. */
    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    @Override
    public String toString() {
        return "Dense(in=" + in + ", out=" + out + ", bias=" + (bias != null) + ")";
    }
}
