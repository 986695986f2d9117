package io.gradguard.optim;

import java.util.Objects;

/**
 * A learning rate as a pure function of {@code t}, the number of completed intervals (steps or epochs: the
 * caller decides and calls {@link Optimizer#setLr} with the result). Each variant is the closed form of the
 * {@code torch.optim.lr_scheduler} class of the same name ({@code _get_closed_form_lr}), where
 * {@code last_epoch = t}.
 */
public sealed interface LrSchedule {
    /**
     * The learning rate after {@code t} completed intervals.
     *
     * @param baseLr the optimiser's initial learning rate, {@code > 0} and finite
     * @param t completed intervals, {@code >= 0}
     */
    double lr(double baseLr, long t);

    /** The scheduler's name in snake case ({@code step_lr}, {@code cosine_annealing_lr}, ...). */
    String name();

    /** The constant schedule. */
    static LrSchedule constant() {
        return new Constant();
    }

    private static void check(String who, double baseLr, long t) {
        Checks.positive(who, "base lr", baseLr);
        if (t < 0) {
            throw new IllegalArgumentException(who + " t must be >= 0, got " + t);
        }
    }

    /** {@code lr(t) = baseLr}. */
    record Constant() implements LrSchedule {
        public double lr(double baseLr, long t) {
            check("Constant", baseLr, t);
            return baseLr;
        }

        public String name() {
            return "constant";
        }
    }

    /** {@code StepLR}: {@code lr(t) = baseLr * gamma^floor(t / stepSize)}. */
    record StepLR(long stepSize, double gamma) implements LrSchedule {
        public StepLR {
            if (stepSize < 1) {
                throw new IllegalArgumentException("StepLR step_size must be >= 1, got " + stepSize);
            }
            Checks.positive("StepLR", "gamma", gamma);
        }

        public double lr(double baseLr, long t) {
            check("StepLR", baseLr, t);
            return baseLr * Math.pow(gamma, t / stepSize);
        }

        public String name() {
            return "step_lr";
        }
    }

    /** {@code ExponentialLR}: {@code lr(t) = baseLr * gamma^t}. */
    record ExponentialLR(double gamma) implements LrSchedule {
        public ExponentialLR {
            Checks.positive("ExponentialLR", "gamma", gamma);
        }

        public double lr(double baseLr, long t) {
            check("ExponentialLR", baseLr, t);
            return baseLr * Math.pow(gamma, t);
        }

        public String name() {
            return "exponential_lr";
        }
    }

    /**
     * {@code CosineAnnealingLR} (Loshchilov and Hutter, "SGDR: Stochastic Gradient Descent with Warm
     * Restarts", 2017): {@code lr(t) = etaMin + (baseLr - etaMin) * (1 + cos(pi * t / tMax)) / 2}. This is
     * PyTorch's closed form, periodic in t with period {@code 2 * tMax}: after reaching {@code etaMin} at
     * {@code t = tMax} it climbs back to {@code baseLr} at {@code t = 2 * tMax}. Schedule for at most
     * {@code tMax} intervals if that is not wanted.
     */
    record CosineAnnealingLR(long tMax, double etaMin) implements LrSchedule {
        public CosineAnnealingLR {
            if (tMax < 1) {
                throw new IllegalArgumentException("CosineAnnealingLR T_max must be >= 1, got " + tMax);
            }
            Checks.nonNegative("CosineAnnealingLR", "eta_min", etaMin);
        }

        public double lr(double baseLr, long t) {
            check("CosineAnnealingLR", baseLr, t);
            return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
        }

        public String name() {
            return "cosine_annealing_lr";
        }
    }

    /**
     * Linear warm-up then another schedule, as {@code SequentialLR([LinearLR(start_factor, 1.0, warmup),
     * after], milestones=[warmup])}: {@code lr(t) = baseLr * (startFactor + (1 - startFactor) * t / warmup)}
     * for {@code t < warmup}, then {@code after.lr(baseLr, t - warmup)}. Continuous at {@code t = warmup}
     * when {@code after} starts at {@code baseLr} (all the other variants do).
     *
     * @param warmup warm-up length in intervals, {@code >= 1}
     * @param startFactor fraction of the base rate at {@code t = 0}, in {@code (0, 1]} (as {@code LinearLR})
     */
    record LinearWarmup(long warmup, double startFactor, LrSchedule after) implements LrSchedule {
        public LinearWarmup {
            if (warmup < 1) {
                throw new IllegalArgumentException("LinearWarmup warmup must be >= 1, got " + warmup);
            }
            if (!(startFactor > 0 && startFactor <= 1)) {
                throw new IllegalArgumentException("LinearWarmup start_factor must be in (0, 1], got " + startFactor);
            }
            Objects.requireNonNull(after, "LinearWarmup after must not be null (use LrSchedule.constant())");
        }

        public double lr(double baseLr, long t) {
            check("LinearWarmup", baseLr, t);
            if (t >= warmup) {
                return after.lr(baseLr, t - warmup);
            }
            return baseLr * (startFactor + (1 - startFactor) * t / warmup);
        }

        public String name() {
            return "linear_warmup";
        }
    }
}
