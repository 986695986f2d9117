package io.gradguard.guard;

import io.gradguard.guard.clip.ClipResult;
import io.gradguard.guard.clip.Clipper;
import io.gradguard.guard.detect.Detector;
import io.gradguard.guard.detect.DetectorConfig;
import io.gradguard.guard.detect.Fmt;
import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.monitor.Monitor;
import io.gradguard.guard.monitor.StepStats;
import io.gradguard.guard.recover.Escalation;
import io.gradguard.guard.recover.GuardHost;
import io.gradguard.guard.recover.Recovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gradient guard. Called once per step after backward and before the optimiser step (DESIGN.md):
 * monitor -> detectors -> verdict (with escalation) -> clipper, keeping a last-known-good snapshot to roll
 * back to. Framework-neutral: it sees a {@link StepView} and acts through a {@link GuardHost}.
 */
public final class Guard {
    private final GuardConfig config;
    private final Monitor monitor;
    private final List<Detector> detectors = new ArrayList<>();
    private final Clipper clipper;
    private final Escalation escalation;
    private final List<GuardListener> listeners = new ArrayList<>();
    private final GuardSummary.Builder summary = new GuardSummary.Builder();
    private Object lastGood;
    private long lastGoodStep = -1;
    private int traces;

    public Guard(GuardConfig config) {
        this.config = config;
        this.monitor = new Monitor(config.monitor());
        for (DetectorConfig d : config.detectors()) {
            detectors.add(d.create());
        }
        this.clipper = new Clipper(config.clip());
        this.escalation = new Escalation(config.recovery());
    }

    public GuardConfig config() {
        return config;
    }

    public Guard addListener(GuardListener l) {
        listeners.add(l);
        return this;
    }

    /** The clipper (its history and thresholds, for the dashboard). */
    public Clipper clipper() {
        return clipper;
    }

    /** Looks at one step, acts through {@code host}, and says whether the host should apply it. */
    public GuardStep onStep(StepView view, GuardHost host) {
        StepStats stats = monitor.observe(view, host.workers());
        List<Incident> found = new ArrayList<>();
        for (Detector d : detectors) {
            Optional<Incident> inc = d.inspect(stats, view);
            inc.ifPresent(found::add);
        }
        Recovery chosen = new Recovery.Proceed();
        for (int i = 0; i < found.size(); i++) {
            Incident inc = found.get(i);
            if (inc.kind() == IncidentKind.NON_FINITE && traces < config.traceLimit()) {
                traces++;
                String origin = host.traceNonFinite();
                if (origin != null) {
                    Map<String, Object> ev = new LinkedHashMap<>(inc.evidence());
                    ev.put("origin", origin);
                    inc = new Incident(inc.step(), inc.kind(), inc.layer(), inc.message() + " (traced: " + origin + ")", ev);
                    found.set(i, inc);
                }
            }
            Recovery r = escalation.decide(inc.kind(), view.step());
            if (r.severity() > chosen.severity()) {
                chosen = r;
            }
        }
        Verdict verdict;
        ClipResult clip = null;
        String outcome;
        if (chosen instanceof Recovery.Halt) {
            verdict = Verdict.HALT;
            outcome = "training halted";
        } else if (chosen instanceof Recovery.Rollback rb) {
            verdict = Verdict.SKIP;
            outcome = rollback(rb, host, view.step());
        } else if (chosen instanceof Recovery.SkipStep) {
            verdict = Verdict.SKIP;
            outcome = "step skipped: weights unchanged";
        } else {
            if (chosen instanceof Recovery.ReduceLr r) {
                host.scaleLr(r.factor());
            }
            clip = clipper.clip(view.params(), stats.globalNorm());
            verdict = Verdict.PROCEED;
            outcome = describeProceed(chosen, clip, view.lr());
        }
        boolean acute = found.stream().anyMatch(f -> f.kind().acute());
        if (verdict == Verdict.PROCEED && !acute && view.step() - lastGoodStep >= config.snapshotEvery()) {
            Object snap = host.snapshot(lastGood);
            if (snap != null) {
                lastGood = snap;
                lastGoodStep = view.step();
            }
        }
        List<IncidentRecord> records = new ArrayList<>();
        for (Incident inc : found) {
            records.add(new IncidentRecord(inc, chosen, outcome));
        }
        GuardStep result = new GuardStep(stats, records, clip, verdict);
        summary.add(result);
        for (GuardListener l : listeners) {
            l.onGuardStep(result);
        }
        return result;
    }

    private String rollback(Recovery.Rollback rb, GuardHost host, long step) {
        String restored;
        if (rb.fromDisk() && host.restoreFromDisk()) {
            restored = "rolled back to the latest checkpoint on disk";
        } else if (lastGood != null) {
            host.restore(lastGood);
            restored = "rolled back to the snapshot of step " + lastGoodStep;
        } else {
            restored = "no known-good state yet: step skipped";
        }
        if (rb.skipBatches() > 0) {
            host.skipBatches(rb.skipBatches());
            restored += ", skipping the next " + rb.skipBatches() + " batches";
        }
        if (rb.lrFactor() < 1) {
            host.scaleLr(rb.lrFactor());
            restored += ", learning rate x" + Fmt.num(rb.lrFactor());
        }
        return restored;
    }

    private static String describeProceed(Recovery chosen, ClipResult clip, double lr) {
        String s = chosen instanceof Recovery.ReduceLr r
                ? "learning rate x" + Fmt.num(r.factor()) + " (was " + Fmt.num(lr) + "); step applied"
                : "step applied";
        if (clip != null && clip.clipped()) {
            s += Double.isNaN(clip.threshold())
                    ? ", gradients clipped (norm " + Fmt.num(clip.totalNorm()) + ")"
                    : ", gradient norm clipped " + Fmt.num(clip.totalNorm()) + " -> " + Fmt.num(clip.threshold());
        }
        return s;
    }

    /** Counts so far: incidents by kind and action, skipped and clipped steps. */
    public GuardSummary summary() {
        return summary.build();
    }

    /** Detector, clipper and escalation history, for checkpoints. */
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> ds = new ArrayList<>();
        for (Detector d : detectors) {
            ds.add(d.state());
        }
        m.put("detectors", ds);
        m.put("clipper", clipper.state());
        m.put("escalation", escalation.state());
        return m;
    }

    @SuppressWarnings("unchecked")
    public void restore(Map<String, Object> state) {
        List<Map<String, Object>> ds = (List<Map<String, Object>>) state.get("detectors");
        if (ds == null || ds.size() != detectors.size()) {
            throw new IllegalArgumentException("guard state has " + (ds == null ? 0 : ds.size())
                    + " detectors but the guard has " + detectors.size());
        }
        for (int i = 0; i < ds.size(); i++) {
            detectors.get(i).restore(ds.get(i));
        }
        clipper.restore((Map<String, Object>) state.get("clipper"));
        escalation.restore((Map<String, Object>) state.get("escalation"));
    }
}
