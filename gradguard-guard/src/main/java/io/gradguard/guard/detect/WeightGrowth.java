package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.LayerStats;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weights growing without bound. On the monitor's costly steps it measures the total weight norm
 * {@code ||W|| = sqrt(sum over layers of weightNorm^2)}; the first measurement at a step {@code >= warmup}
 * is the baseline. It reports when {@code ||W|| > max_growth * baseline} and the norm rose at each of the
 * last {@code window} measurements (so a norm that grew and then settled is not reported). Steps without
 * costly statistics, and non-finite weight norms, are skipped.
 *
 * <p>Evidence: {@code initial} (the baseline), {@code initial_step}, {@code current}, {@code growth}
 * (current / initial), {@code window}.
 */
public final class WeightGrowth implements Detector {
    private static final String NAME = WeightGrowthConfig.NAME;

    private final WeightGrowthConfig config;
    private final Cooldown cooldown;
    private final Deque<Double> recent = new ArrayDeque<>();
    private Double baseline;
    private long baselineStep;

    public WeightGrowth(WeightGrowthConfig config) {
        this.config = config;
        this.cooldown = new Cooldown(config.cooldown());
    }

    @Override
    public IncidentKind kind() {
        return IncidentKind.WEIGHT_GROWTH;
    }

    @Override
    public Optional<Incident> inspect(StepStats stats, StepView view) {
        if (!stats.costly()) {
            return Optional.empty();
        }
        double sq = 0;
        for (LayerStats l : stats.layers()) {
            sq += l.weightNorm() * l.weightNorm();
        }
        double norm = Math.sqrt(sq);
        if (!Double.isFinite(norm)) {
            return Optional.empty();
        }
        recent.addLast(norm);
        while (recent.size() > config.window() + 1) {
            recent.removeFirst();
        }
        if (baseline == null) {
            if (stats.step() >= config.warmup()) {
                baseline = norm;
                baselineStep = stats.step();
            }
            return Optional.empty();
        }
        double growth = norm / baseline;
        if (!(growth > config.maxGrowth()) || !rising() || !cooldown.ready(stats.step())) {
            return Optional.empty();
        }
        cooldown.fired(stats.step());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("initial", baseline);
        evidence.put("initial_step", baselineStep);
        evidence.put("current", norm);
        evidence.put("growth", growth);
        evidence.put("window", config.window());
        String message = "total weight norm grew " + Fmt.num(growth) + "x, from " + Fmt.num(baseline) + " at step "
                + baselineStep + " to " + Fmt.num(norm) + ", and rose at each of the last " + config.window()
                + " measurements";
        return Optional.of(new Incident(stats.step(), kind(), null, message, evidence));
    }

    private boolean rising() {
        if (recent.size() < config.window() + 1) {
            return false;
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (double v : recent) {
            if (!(v > previous)) {
                return false;
            }
            previous = v;
        }
        return true;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("recent", new ArrayList<>(recent));
        if (baseline != null) {
            s.put("baseline", baseline);
            s.put("baseline_step", baselineStep);
        }
        cooldown.save(s);
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        recent.clear();
        List<Double> saved = State.numbers(state, NAME, "recent");
        recent.addAll(saved);
        baseline = State.optNumber(state, NAME, "baseline");
        baselineStep = State.integer(state, NAME, "baseline_step", 0);
        cooldown.load(state, NAME);
    }
}
