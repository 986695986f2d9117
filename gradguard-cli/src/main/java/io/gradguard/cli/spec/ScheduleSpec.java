package io.gradguard.cli.spec;

import java.util.List;
import java.util.Map;

/**
 * How the learning rate changes, as {@code torch.optim.lr_scheduler}: {@code constant}; {@code
 * step(step_size, gamma=0.1)}: {@code lr * gamma^floor(t / step_size)}; {@code exponential(gamma)}: {@code
 * lr * gamma^t}; {@code cosine(t_max, eta_min=0)}: {@code eta_min + (lr - eta_min)(1 + cos(pi t / t_max))/2}.
 * {@code t} counts {@code interval}s (epochs or optimizer steps).
 *
 * <p>A linear warmup ({@code LinearLR}) may precede it: over the first {@code warmup} intervals the factor
 * on the lr rises from {@code warmup_start_factor} to 1, after which the schedule runs from {@code t = 0}.
 *
 * @param interval          {@code epoch} or {@code step}
 * @param warmup            intervals of warmup, 0 for none
 * @param warmupStartFactor in (0, 1]; PyTorch's {@code LinearLR} default is 1/3
 */
public record ScheduleSpec(String name, Map<String, Object> params, String interval, int warmup,
        double warmupStartFactor) implements HasParams {
    static final List<String> INTERVALS = List.of("epoch", "step");

    /** No schedule: the lr stays as set. */
    public static final ScheduleSpec CONSTANT = new ScheduleSpec("constant", Map.of(), "epoch", 0, 1.0 / 3);

    public ScheduleSpec {
        params = Catalog.SCHEDULES.check("ScheduleSpec", name, params);
        if (!INTERVALS.contains(interval)) {
            throw new IllegalArgumentException("ScheduleSpec interval must be one of " + INTERVALS + ", got '"
                    + interval + "'");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("ScheduleSpec warmup must be >= 0, got " + warmup);
        }
        if (!(warmupStartFactor > 0 && warmupStartFactor <= 1)) {
            throw new IllegalArgumentException("ScheduleSpec warmup_start_factor must be in (0, 1], got "
                    + warmupStartFactor);
        }
    }
}
