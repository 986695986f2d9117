package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.StepStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Global gradient-norm spikes by ZClip's z-score rule (Kumar et al. 2025). The first {@code warmup} finite
 * norms initialise a mean and variance, which then follow exponential moving averages with factor
 * {@code alpha} (see {@code EmaStats}). At each later step
 * <pre>
 *   sigma = max(std, 0.05 * |mu|)       z = (g - mu) / sigma
 * </pre>
 * and the step is a spike when {@code z > z_threshold}; it is also reported, from step 0, when
 * {@code g > ceiling}. The floor on sigma keeps a run with nearly constant norms (full-batch training) from
 * calling a 1% wobble a spike: with it, a spike is always at least {@code 0.05 * z_threshold} (30%) above the
 * mean.
 *
 * <p>A spike updates the statistics with its norm capped at the threshold, {@code mu + z_threshold * sigma}
 * (ZClip's "percentile" clip value), so one spike moves the mean by at most {@code (1 - alpha) *
 * z_threshold * sigma} (0.18 sigma by default), while a lasting move to a higher norm level is absorbed
 * within a few dozen steps instead of being reported forever. (ZClip's reciprocal "adaptive" value,
 * {@code mu + z_threshold^2 / z * sigma}, would never absorb such a shift.) Non-finite norms are left to
 * {@link NonFinite}: no report, no update.
 *
 * <p>Evidence: {@code norm}, {@code mean}, {@code std} (the floored sigma), {@code z}, {@code ceiling} (when
 * set), {@code rule} ({@code z}, {@code ceiling} or {@code z+ceiling}). During warm-up only the ceiling can
 * fire, and mean, std and z are absent.
 */
public final class NormSpike implements Detector {
    /** Floor of sigma relative to the mean. */
    static final double STD_FLOOR = 0.05;

    private final NormSpikeConfig config;
    private final EmaStats ema;
    private final Cooldown cooldown;

    public NormSpike(NormSpikeConfig config) {
        this.config = config;
        this.ema = new EmaStats(config.alpha(), config.warmup());
        this.cooldown = new Cooldown(config.cooldown());
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.GRAD_NORM_SPIKE;
    }

    @Override
    public Optional<Incident> inspect(StepStats stats, StepView view) {
        double g = stats.globalNorm();
        if (!Double.isFinite(g)) {
            return Optional.empty();
        }
        boolean overCeiling = g > config.ceiling();
        boolean ready = ema.ready();
        double mu = ema.mean();
        double sigma = Math.max(ema.std(), STD_FLOOR * Math.abs(mu));
        double z = Double.NaN;
        boolean spike = false;
        if (ready) {
            z = sigma > 0 ? (g - mu) / sigma : (g > mu ? Double.POSITIVE_INFINITY : 0);
            spike = z > config.zThreshold();
            ema.add(spike ? Math.min(g, mu + config.zThreshold() * sigma) : g);
        } else {
            ema.add(g);
        }
        if (!(spike || overCeiling) || !cooldown.ready(stats.step())) {
            return Optional.empty();
        }
        cooldown.fired(stats.step());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("norm", g);
        if (ready) {
            evidence.put("mean", mu);
            evidence.put("std", sigma);
            evidence.put("z", z);
        }
        if (config.ceiling() != Double.POSITIVE_INFINITY) {
            evidence.put("ceiling", config.ceiling());
        }
        evidence.put("rule", spike && overCeiling ? "z+ceiling" : spike ? "z" : "ceiling");
        String message = "gradient norm " + Fmt.num(g);
        if (spike) {
            message += " is " + Fmt.num(z) + " sigma above its mean " + Fmt.num(mu) + " (std " + Fmt.num(sigma) + ")";
        }
        if (overCeiling) {
            message += (spike ? " and" : "") + " exceeds the ceiling " + Fmt.num(config.ceiling());
        }
        return Optional.of(new Incident(stats.step(), kind(), null, message, evidence));
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        ema.save(s);
        cooldown.save(s);
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        ema.load(state, NormSpikeConfig.NAME);
        cooldown.load(state, NormSpikeConfig.NAME);
    }
}
