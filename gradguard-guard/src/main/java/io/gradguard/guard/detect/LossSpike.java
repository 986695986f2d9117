package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.StepStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The loss far above its moving average, judged in log space as {@link NormSpike} judges norms. The first
 * {@code warmup} positive finite losses initialise an EMA mean and variance of {@code ln loss} (factor
 * {@code alpha}); after that a step is a spike when both
 * <pre>
 *   loss > factor * e^mu                    (a large jump: factor 3 by default)
 *   z = (ln loss - mu) / max(std, 0.05) > z_threshold    (and an unusual one)
 * </pre>
 * Near convergence batch losses are heavy-tailed: on the healthy spirals example the linear z-score of the
 * loss reached 36 while the log-space z-score stayed below 2.3. A spike updates the statistics with
 * {@code ln loss} capped at {@code mu + z_threshold * sigma}. Non-finite losses are left to
 * {@link NonFinite}; non-positive losses (which have no logarithm) are ignored.
 *
 * <p>Evidence: {@code loss}, {@code ema} (the running geometric mean {@code e^mu}), {@code ratio}
 * ({@code loss / e^mu}), {@code log_std}, {@code z}.
 */
public final class LossSpike implements Detector {
    private final LossSpikeConfig config;
    private final EmaStats ema;
    private final Cooldown cooldown;

    public LossSpike(LossSpikeConfig config) {
        this.config = config;
        this.ema = new EmaStats(config.alpha(), config.warmup());
        this.cooldown = new Cooldown(config.cooldown());
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.LOSS_SPIKE;
    }

    @Override
    public Optional<Incident> inspect(StepStats stats, StepView view) {
        double loss = stats.loss();
        if (!Double.isFinite(loss) || !(loss > 0)) {
            return Optional.empty();
        }
        double y = Math.log(loss);
        if (!ema.ready()) {
            ema.add(y);
            return Optional.empty();
        }
        double mu = ema.mean();
        double sd = Math.max(ema.std(), NormSpike.STD_FLOOR);
        double z = (y - mu) / sd;
        double mean = Math.exp(mu);
        boolean spike = loss > config.factor() * mean && z > config.zThreshold();
        ema.add(spike ? Math.min(y, mu + config.zThreshold() * sd) : y);
        if (!spike || !cooldown.ready(stats.step())) {
            return Optional.empty();
        }
        cooldown.fired(stats.step());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("loss", loss);
        evidence.put("ema", mean);
        evidence.put("ratio", loss / mean);
        evidence.put("log_std", sd);
        evidence.put("z", z);
        String message = "loss " + Fmt.num(loss) + " is " + Fmt.num(loss / mean) + "x its moving average "
                + Fmt.num(mean) + " (z " + Fmt.num(z) + " in log space)";
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
        ema.load(state, LossSpikeConfig.NAME);
        cooldown.load(state, LossSpikeConfig.NAME);
    }
}
