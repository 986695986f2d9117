package io.gradguard.nn;

import io.gradguard.autograd.DropoutOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Rng;
import java.util.Objects;

/**
 * Inverted dropout ({@code torch.nn.Dropout}; Srivastava et al., 2014): in training each element is zeroed
 * with probability {@code p} and the rest are scaled by {@code 1 / (1 - p)}; in evaluation it is the
 * identity. Masks come from the {@link Rng} given by {@link #reseed}, which the trainer renews every step
 * (see {@link Stochastic}); a training forward before any reseed is an error rather than a silent,
 * unseeded draw.
 */
public final class Dropout extends Module implements Stochastic {
    private final double p;
    private Rng rng;

    /** {@code 0 <= p < 1}. */
    public Dropout(double p) {
        DropoutOps.checkP(p);
        this.p = p;
    }

    @Override
    public void reseed(Rng newRng) {
        this.rng = Objects.requireNonNull(newRng, "rng");
    }

    @Override
    protected Var compute(Var x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        if (rng == null) {
            throw new IllegalStateException((path().isEmpty() ? "Dropout" : "Layer '" + path() + "' (dropout)")
                    + " has no random stream: call Stochastic.reseedAll(model, rng, step) (the trainer does, every"
                    + " step) or reseed(rng) before a training forward");
        }
        return DropoutOps.dropout(x, p, rng);
    }

    public double p() {
        return p;
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
