package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.StepStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The smoothed loss rising for a long stretch. It follows {@code ema_t = alpha * ema_{t-1} + (1 - alpha) *
 * loss_t} (started at the first finite loss) and remembers the EMA's lowest value since the run began, the
 * start of the current rise: every new low (or equal) restarts the rise. It reports at a step where
 * <ul>
 *   <li>the EMA sets a new high since the start of the rise (it is still rising),</li>
 *   <li>at least {@code patience} steps have passed since the start, and</li>
 *   <li>{@code (ema - start) / max(|start|, top - start) > min_increase}, where {@code top} is the highest
 *       EMA before the low: late in training, when the loss has fallen from 1.1 to 0.01, noise that doubles
 *       it is not divergence; giving back half of the progress made is.</li>
 * </ul>
 * Requiring the EMA to fall at no step of the stretch would let one easy batch reset a real divergence;
 * requiring a new high keeps a single loss spike, whose EMA bump decays afterwards, from counting as one.
 * Non-finite losses are left to {@link NonFinite}.
 *
 * <p>Evidence: {@code start} (the EMA's low), {@code start_step}, {@code current} (the EMA now),
 * {@code increase} (relative to the scale), {@code reference} ({@code top}), {@code steps_rising}.
 */
public final class LossDivergence implements Detector {
    private static final String NAME = LossDivergenceConfig.NAME;

    private final LossDivergenceConfig config;
    private final Cooldown cooldown;
    private Double ema;
    private double low;
    private long lowStep;
    private double high;
    private double max = Double.NEGATIVE_INFINITY;
    private double top;

    public LossDivergence(LossDivergenceConfig config) {
        this.config = config;
        this.cooldown = new Cooldown(config.cooldown());
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.LOSS_DIVERGENCE;
    }

    @Override
    public Optional<Incident> inspect(StepStats stats, StepView view) {
        double loss = stats.loss();
        if (!Double.isFinite(loss)) {
            return Optional.empty();
        }
        boolean first = ema == null;
        ema = first ? loss : config.alpha() * ema + (1 - config.alpha()) * loss;
        double e = ema;
        if (first || e <= low) {
            top = Math.max(max, e);
            low = e;
            lowStep = stats.step();
            high = e;
            max = Math.max(max, e);
            return Optional.empty();
        }
        if (e <= high) {
            return Optional.empty();
        }
        high = e;
        max = Math.max(max, e);
        long rising = stats.step() - lowStep;
        double increase = (e - low) / Math.max(Math.abs(low), top - low);
        if (rising < config.patience() || !(increase > config.minIncrease()) || !cooldown.ready(stats.step())) {
            return Optional.empty();
        }
        cooldown.fired(stats.step());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("start", low);
        evidence.put("start_step", lowStep);
        evidence.put("current", e);
        evidence.put("increase", increase);
        evidence.put("reference", top);
        evidence.put("steps_rising", rising);
        String message = top - low > Math.abs(low)
                ? "smoothed loss rose from " + Fmt.num(low) + " to " + Fmt.num(e) + " over " + rising
                        + " steps without a new low, giving back " + Fmt.num(100 * increase)
                        + "% of the progress from " + Fmt.num(top)
                : "smoothed loss rose from " + Fmt.num(low) + " to " + Fmt.num(e) + " (+" + Fmt.num(100 * increase)
                        + "%) over " + rising + " steps without a new low";
        return Optional.of(new Incident(stats.step(), kind(), null, message, evidence));
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        if (ema != null) {
            s.put("ema", ema);
            s.put("low", low);
            s.put("low_step", lowStep);
            s.put("high", high);
            s.put("max", max);
            s.put("top", top);
        }
        cooldown.save(s);
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        ema = State.optNumber(state, NAME, "ema");
        low = ema == null ? 0 : State.number(state, NAME, "low");
        lowStep = State.integer(state, NAME, "low_step", 0);
        high = ema == null ? 0 : State.number(state, NAME, "high");
        max = ema == null ? Double.NEGATIVE_INFINITY : State.number(state, NAME, "max");
        top = ema == null ? 0 : State.number(state, NAME, "top");
        cooldown.load(state, NAME);
    }
}
