package io.gradguard.cli.inspect;

import io.gradguard.autograd.Var;
import io.gradguard.nn.Module;
import io.gradguard.nn.Spectral;
import io.gradguard.tensor.Tensor;
import java.util.Arrays;

/**
 * The largest singular values of the input-output Jacobian {@code J = d f(x) / d x} of a model at one
 * example {@code x}: how much the network stretches a small change of its input, the quantity whose
 * spectrum "dynamical isometry" asks to keep near 1 (Saxe et al. 2014; Pennington et al. 2017).
 *
 * <p>Method: row {@code i} of {@code J} is the vector-Jacobian product {@code e_i^T J}, which one backward
 * pass seeded with the unit vector {@code e_i} on the output computes exactly (it lands in the input's
 * gradient). A model with {@code m} outputs thus gives the exact {@code J} in {@code m} forward and
 * backward passes, and its singular values come from {@link Spectral#singularValues} (one-sided Jacobi, in
 * double). This is exact and, for the few outputs of a classifier or regressor, cheaper than power
 * iteration on {@code J^T J}: power iteration would need the Jacobian-vector product {@code J v} too, which
 * the engine's reverse-mode autograd cannot give without a second-order backward, and a finite-difference
 * {@code J v} loses most float32 digits when gains reach {@code 1e15}. The model runs in eval mode (batch
 * norm with running statistics, no dropout) and is left in the mode it was in.
 */
public final class Jacobian {
    /** Above this many outputs the exact Jacobian is not computed (one backward pass per output). */
    public static final int MAX_OUTPUTS = 4096;

    private Jacobian() {
    }

    /** The exact Jacobian {@code [outputs, inputs]} of {@code model} at {@code example} ({@code [1, ...]}). */
    public static Tensor of(Module model, Tensor example) {
        if (example.rank() < 2 || example.dim(0) != 1) {
            throw new IllegalArgumentException("Jacobian needs one example of shape [1, ...], got "
                    + Arrays.toString(example.shape()));
        }
        boolean training = model.isTraining();
        model.eval();
        try {
            int inputs = example.numel();
            int outputs = -1;
            float[] rows = null;
            for (int i = 0; outputs < 0 || i < outputs; i++) {
                Var x = Var.leaf(example.copy(), true);
                Var y = model.forward(x);
                if (outputs < 0) {
                    outputs = y.value().numel();
                    if (outputs > MAX_OUTPUTS) {
                        throw new IllegalArgumentException("Jacobian: the model has " + outputs
                                + " outputs per example, more than " + MAX_OUTPUTS + " backward passes allow");
                    }
                    rows = new float[outputs * inputs];
                }
                Tensor seed = Tensor.zeros(y.shape());
                seed.data()[i] = 1f;
                y.backward(seed, null);
                System.arraycopy(x.grad().data(), 0, rows, i * inputs, inputs);
            }
            model.zeroGrad();
            return Tensor.of(rows, outputs, inputs);
        } finally {
            model.train(training);
        }
    }

    /**
     * The {@code k} largest singular values of the Jacobian at {@code example}, largest first (fewer when
     * {@code min(outputs, inputs) < k}); {@code [Infinity]} when an entry of the Jacobian is not finite
     * (the backward pass overflowed float32).
     */
    public static double[] singularValues(Module model, Tensor example, int k) {
        Tensor j = of(model, example);
        for (float v : j.data()) {
            if (!Float.isFinite(v)) {
                return new double[] {Double.POSITIVE_INFINITY};
            }
        }
        double[] s = Spectral.singularValues(j);
        return Arrays.copyOf(s, Math.min(k, s.length));
    }
}
