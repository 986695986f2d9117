package io.gradguard.nn;

import io.gradguard.autograd.LossOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Tensor;

/** The training objective, mean-reduced, as in {@code torch.nn}'s losses of the same names. */
public sealed interface Loss {
    Var compute(Var output, Tensor target);

    /** The spec name ({@code mse}, {@code bce_with_logits}, {@code cross_entropy}). */
    String name();

    /** Whether the targets are class indices (and accuracy is meaningful). */
    default boolean classification() {
        return false;
    }

    record Mse() implements Loss {
        public Var compute(Var output, Tensor target) {
            return LossOps.mse(output, target);
        }

        public String name() {
            return "mse";
        }
    }

    /** Targets in {0, 1} with the output's shape; accuracy thresholds the logit at 0. */
    record BceWithLogits() implements Loss {
        public Var compute(Var output, Tensor target) {
            return LossOps.bceWithLogits(output, target);
        }

        public String name() {
            return "bce_with_logits";
        }

        @Override
        public boolean classification() {
            return true;
        }
    }

    /** Targets are class indices {@code [batch]}; accuracy is argmax agreement. */
    record CrossEntropy() implements Loss {
        public Var compute(Var output, Tensor target) {
            return LossOps.crossEntropy(output, target);
        }

        public String name() {
            return "cross_entropy";
        }

        @Override
        public boolean classification() {
            return true;
        }
    }
}
