package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.StepStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The loss far above its moving average. The first {@code warmup} finite losses initialise an EMA mean and
 * variance (factor {@code alpha}, as {@link NormSpike} does for the norm); after that a step is a spike when
 * both
 * <pre>
 *   loss > factor * ema          (skipped when ema <= 0: losses that can be negative use the z rule alone)
 *   z = (loss - ema) / std > z_threshold
 * </pre>
 * The ratio rule alone would fire on ordinary noise near convergence (a batch loss of 0.05 against an
 * average of 0.01); the z rule alone would fire when the loss has been unusually steady for a few steps.
 * Together they ask for a jump that is both large and unusual. A spike updates the statistics with the loss
 * capped at the smallest value that would have fired, {@code max(factor * ema, ema + z_threshold * std)},
 * for the reason given in {@link NormSpike}. Non-finite losses are left to {@link NonFinite}.
 *
 * <p>Evidence: {@code loss}, {@code ema}, {@code ratio} (loss / ema; absent when ema <= 0), {@code std},
 * {@code z}.
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
        if (!Double.isFinite(loss)) {
            return Optional.empty();
        }
        if (!ema.ready()) {
            ema.add(loss);
            return Optional.empty();
        }
        double mu = ema.mean();
        double sd = ema.std();
        double z = sd > 0 ? (loss - mu) / sd : (loss > mu ? Double.POSITIVE_INFINITY : 0);
        boolean ratioRule = mu <= 0 || loss > config.factor() * mu;
        boolean spike = ratioRule && z > config.zThreshold();
        if (spike) {
            double cap = mu + config.zThreshold() * sd;
            if (mu > 0) {
                cap = Math.max(cap, config.factor() * mu);
            }
            ema.add(Math.min(loss, cap));
        } else {
            ema.add(loss);
        }
        if (!spike || !cooldown.ready(stats.step())) {
            return Optional.empty();
        }
        cooldown.fired(stats.step());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("loss", loss);
        evidence.put("ema", mu);
        if (mu > 0) {
            evidence.put("ratio", loss / mu);
        }
        evidence.put("std", sd);
        evidence.put("z", z);
        String message = "loss " + Fmt.num(loss) + (mu > 0 ? " is " + Fmt.num(loss / mu) + "x" : " is far above")
                + " its moving average " + Fmt.num(mu) + " (" + Fmt.num(z) + " sigma above)";
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
