package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import java.util.Collection;

/**
 * L1 and L2 weight penalties added to the training loss, as Keras' kernel regularisers
 * ({@code keras.regularizers.L1L2}, but with the L2 term halved so its gradient is {@code l2 * w}, the form
 * of {@code weight_decay} in {@code torch.optim}):
 * <pre>
 *   penalty = l1 * sum |w| + (l2 / 2) * sum w^2        d penalty / d w = l1 * sign(w) + l2 * w
 * </pre>
 * Only kernels are penalised: parameters whose {@link Parameter#localName() local name} is {@code weight}
 * (dense and convolutional layers) or starts with {@code weight_} (the input and recurrent kernels of
 * RNN/LSTM/GRU layers, {@code weight_ih_l0}, {@code weight_hh_l0}, as Keras' {@code kernel_regularizer} and
 * {@code recurrent_regularizer}); biases and normalisation parameters ({@code bias},
 * {@code gamma}, {@code beta}, ...) are exempt, as Keras' {@code kernel_regularizer} leaves them alone.
 * {@code sign(0) = 0}, as {@code torch.sign}.
 *
 * @param l1 the L1 coefficient, {@code >= 0} and finite
 * @param l2 the L2 coefficient, {@code >= 0} and finite
 */
public record Penalty(double l1, double l2) {
    /** No penalty. */
    public static final Penalty NONE = new Penalty(0, 0);

    public Penalty {
        Checks.nonNegative("Penalty", "l1", l1);
        Checks.nonNegative("Penalty", "l2", l2);
    }

    public static Penalty l1(double l1) {
        return new Penalty(l1, 0);
    }

    public static Penalty l2(double l2) {
        return new Penalty(0, l2);
    }

    /** Whether both coefficients are zero. */
    public boolean isNone() {
        return l1 == 0 && l2 == 0;
    }

    /** Whether the penalty applies to {@code p} (its local name is {@code weight} or {@code weight_*}). */
    public static boolean penalises(Parameter p) {
        String n = p.localName();
        return "weight".equals(n) || n.startsWith("weight_");
    }

    /**
     * Adds {@code l1 * sign(w) + l2 * w} (float32) into the gradient of every penalised parameter, after
     * backward and before the optimiser step. A penalised parameter without a gradient gets one (the penalty
     * is part of the loss whether or not the parameter was used). Does nothing for {@link #NONE}.
     */
    public void apply(Collection<Parameter> params) {
        if (isNone()) {
            return;
        }
        float a = (float) l1;
        float b = (float) l2;
        for (Parameter p : params) {
            if (!penalises(p)) {
                continue;
            }
            float[] w = p.value().data();
            float[] g = p.gradBuffer().data();
            for (int i = 0; i < w.length; i++) {
                g[i] += a * Math.signum(w[i]) + b * w[i];
            }
        }
    }

    /** The penalty term {@code l1 * sum |w| + (l2 / 2) * sum w^2} over penalised parameters, summed in double. */
    public double value(Collection<Parameter> params) {
        if (isNone()) {
            return 0;
        }
        double abs = 0;
        double sq = 0;
        for (Parameter p : params) {
            if (!penalises(p)) {
                continue;
            }
            for (float x : p.value().data()) {
                abs += Math.abs(x);
                sq += (double) x * x;
            }
        }
        return l1 * abs + 0.5 * l2 * sq;
    }
}
