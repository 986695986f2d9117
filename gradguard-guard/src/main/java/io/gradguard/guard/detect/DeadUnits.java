package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.LayerStats;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Layers whose units stop learning: {@link LayerStats#deadFraction()} (the fraction of a weight's rows with
 * an all-zero gradient on the batch; after a ReLU, units inactive for every example) above
 * {@code max_fraction} for {@code patience} consecutive steps. Each layer keeps its own run; a step at or
 * below the fraction, or without a dead fraction (no 2-D weight), resets it. Non-finite steps are skipped.
 * Of the layers whose run reached {@code patience}, the one with the largest fraction is reported.
 *
 * <p>A persistent condition is reported once, not once per cool-down: a layer already reported in its
 * current run qualifies again only when its fraction has risen by {@value #RISE} (ten points) since, and
 * afresh once its run has been reset. Without this, a network that keeps a third of its units dead (common
 * with Adam on ReLU MLPs) logged the same incident every cool-down for the whole run.
 *
 * <p>Evidence: {@code layer}, {@code fraction}, {@code steps}, {@code layers} (every layer over the limit
 * for {@code patience} steps, input side first).
 */
public final class DeadUnits implements Detector {
    private static final String NAME = DeadUnitsConfig.NAME;

    private final DeadUnitsConfig config;
    private final Cooldown cooldown;
    /** Rise in a layer's fraction, since it was last reported in its current run, that reports it again. */
    static final double RISE = 0.1;

    private final Map<String, Long> runs = new LinkedHashMap<>();
    /** Per layer reported in its current run: the fraction it was reported at. */
    private final Map<String, Double> reported = new LinkedHashMap<>();

    public DeadUnits(DeadUnitsConfig config) {
        this.config = config;
        this.cooldown = new Cooldown(config.cooldown());
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.DEAD_UNITS;
    }

    @Override
    public Optional<Incident> inspect(StepStats stats, StepView view) {
        if (!(stats.globalNorm() > 0)) {
            // An all-zero gradient (a saturated loss) says nothing about which units are alive.
            return Optional.empty();
        }
        if (!stats.finite()) {
            return Optional.empty();
        }
        LayerStats worst = null;
        List<String> over = new ArrayList<>();
        List<LayerStats> fresh = new ArrayList<>();
        for (LayerStats l : stats.layers()) {
            if (!(l.deadFraction() > config.maxFraction())) {
                runs.remove(l.layer());
                reported.remove(l.layer());
                continue;
            }
            long run = runs.merge(l.layer(), 1L, Long::sum);
            if (run >= config.patience()) {
                over.add(l.layer());
                Double was = reported.get(l.layer());
                if (was == null || l.deadFraction() >= was + RISE) {
                    fresh.add(l);
                    if (worst == null || l.deadFraction() > worst.deadFraction()) {
                        worst = l;
                    }
                }
            }
        }
        if (worst == null || !cooldown.ready(stats.step())) {
            return Optional.empty();
        }
        cooldown.fired(stats.step());
        for (LayerStats l : fresh) {
            reported.put(l.layer(), l.deadFraction());
        }
        long run = runs.get(worst.layer());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("layer", worst.layer());
        evidence.put("fraction", worst.deadFraction());
        evidence.put("steps", run);
        evidence.put("layers", over);
        String message = Fmt.num(100 * worst.deadFraction()) + "% of the units of layer '" + worst.layer()
                + "' have had an all-zero gradient for " + run + " steps (limit " + Fmt.num(100 * config.maxFraction())
                + "%)" + (over.size() > 1 ? "; " + over.size() + " layers are over the limit" : "");
        return Optional.of(new Incident(stats.step(), kind(), worst.layer(), message, evidence));
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("runs", new LinkedHashMap<>(runs));
        s.put("reported", new LinkedHashMap<>(reported));
        cooldown.save(s);
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        runs.clear();
        Map<String, Object> saved = State.map(state, NAME, "runs");
        for (String layer : saved.keySet()) {
            runs.put(layer, State.integer(saved, NAME, layer, 0));
        }
        reported.clear();
        Map<String, Object> was = State.map(state, NAME, "reported"); // absent in states saved before it existed
        for (String layer : was.keySet()) {
            reported.put(layer, State.number(was, NAME, layer));
        }
        cooldown.load(state, NAME);
    }
}
