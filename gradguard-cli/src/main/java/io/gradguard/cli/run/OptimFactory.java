package io.gradguard.cli.run;

import io.gradguard.cli.spec.OptimizerSpec;
import io.gradguard.cli.spec.ScheduleSpec;
import io.gradguard.optim.AdagradConfig;
import io.gradguard.optim.AdamConfig;
import io.gradguard.optim.AdamWConfig;
import io.gradguard.optim.LrSchedule;
import io.gradguard.optim.OptimizerConfig;
import io.gradguard.optim.Penalty;
import io.gradguard.optim.RmspropConfig;
import io.gradguard.optim.SgdConfig;
import io.gradguard.train.TrainConfig;
import java.util.List;

/** The optimiser, schedule and penalty a spec's {@code optimizer} section describes. */
public final class OptimFactory {
    private OptimFactory() {
    }

    public static OptimizerConfig optimizer(OptimizerSpec o) {
        double lr = o.lr();
        return switch (o.name()) {
            case "sgd" -> new SgdConfig(lr, real(o, "momentum"), real(o, "dampening"), real(o, "weight_decay"),
                    (Boolean) o.params().get("nesterov"));
            case "adam" -> new AdamConfig(lr, beta(o, 0), beta(o, 1), real(o, "eps"), real(o, "weight_decay"),
                    (Boolean) o.params().get("amsgrad"));
            case "adamw" -> new AdamWConfig(lr, beta(o, 0), beta(o, 1), real(o, "eps"), real(o, "weight_decay"),
                    (Boolean) o.params().get("amsgrad"));
            case "rmsprop" -> new RmspropConfig(lr, real(o, "alpha"), real(o, "eps"), real(o, "weight_decay"),
                    real(o, "momentum"), (Boolean) o.params().get("centered"));
            case "adagrad" -> new AdagradConfig(lr, real(o, "lr_decay"), real(o, "weight_decay"),
                    real(o, "initial_accumulator_value"), real(o, "eps"));
            default -> throw new IllegalArgumentException("unknown optimizer '" + o.name() + "'");
        };
    }

    public static LrSchedule schedule(ScheduleSpec s) {
        LrSchedule base = switch (s.name()) {
            case "constant" -> LrSchedule.constant();
            case "step" -> new LrSchedule.StepLR(s.integer("step_size"), s.real("gamma"));
            case "exponential" -> new LrSchedule.ExponentialLR(s.real("gamma"));
            case "cosine" -> new LrSchedule.CosineAnnealingLR(s.integer("t_max"), s.real("eta_min"));
            default -> throw new IllegalArgumentException("unknown schedule '" + s.name() + "'");
        };
        return s.warmup() > 0 ? new LrSchedule.LinearWarmup(s.warmup(), s.warmupStartFactor(), base) : base;
    }

    public static TrainConfig.ScheduleInterval interval(ScheduleSpec s) {
        return s.interval().equals("step") ? TrainConfig.ScheduleInterval.STEP : TrainConfig.ScheduleInterval.EPOCH;
    }

    public static Penalty penalty(OptimizerSpec o) {
        return o.regularization() == null ? Penalty.NONE
                : new Penalty(o.regularization().l1(), o.regularization().l2());
    }

    private static double real(OptimizerSpec o, String key) {
        return ((Number) o.params().get(key)).doubleValue();
    }

    private static double beta(OptimizerSpec o, int i) {
        @SuppressWarnings("unchecked")
        List<? extends Number> betas = (List<? extends Number>) o.params().get("betas");
        return betas.get(i).doubleValue();
    }
}
