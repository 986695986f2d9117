package io.gradguard.cli.run;

import io.gradguard.runs.IncidentRecorder;

import io.gradguard.runs.MetricsRecorder;

import io.gradguard.runs.RunDirectory;

import io.gradguard.cli.guard.GuardHook;
import io.gradguard.cli.guard.IncidentPrinter;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.guard.Guard;
import io.gradguard.guard.GuardListener;
import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.inject.FaultPlan;
import io.gradguard.train.CheckpointPolicy;
import io.gradguard.train.EpochMetrics;
import io.gradguard.train.Progress;
import io.gradguard.train.StepMetrics;
import io.gradguard.train.TrainListener;
import io.gradguard.train.TrainResult;
import io.gradguard.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One training run of a resolved plan into a run directory: the trainer with checkpoints, the guard hook
 * (guard and/or injected faults), the metrics and incident recorders, and optional terminal output. Used by
 * {@code train} and {@code demo}.
 */
public final class RunSession {
    /** The guard's state file inside each checkpoint. */
    public static final String GUARD_STATE = "guard.json";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final RunPlan plan;
    private final RunDirectory dir;
    private final FaultPlan faults;
    private Progress resumeFrom;
    private PrintWriter progressOut;
    private final List<io.gradguard.train.StepHook> probes = new ArrayList<>();
    private final List<TrainListener> listeners = new ArrayList<>();

    public RunSession(RunPlan plan, RunDirectory dir, FaultPlan faults) {
        this.plan = plan;
        this.dir = dir;
        this.faults = faults;
    }

    /** Continues from a restored checkpoint. */
    public RunSession resumeFrom(Progress p) {
        this.resumeFrom = p;
        return this;
    }

    /** Prints the progress bar and incidents as they happen (null: silent). */
    public RunSession printTo(PrintWriter err) {
        this.progressOut = err;
        return this;
    }

    /**
     * Adds a hook that sees each step's raw gradients before injected faults and the guard (experiments
     * measure per-layer gradient norms with it); it should return {@code PROCEED}.
     */
    public RunSession probe(io.gradguard.train.StepHook hook) {
        probes.add(hook);
        return this;
    }

    /** Adds a listener of steps and epochs, beside the metrics recorder. */
    public RunSession listen(TrainListener listener) {
        listeners.add(listener);
        return this;
    }

    /** What a run produced. */
    public record Outcome(RunSpec spec, RunPlan plan, RunDirectory dir, TrainResult result, Guard guard,
                          List<IncidentRecord> incidents, List<EpochMetrics> epochs, long firstNonFiniteStep) {
        public boolean guarded() {
            return guard != null;
        }

        /** The likely causes of this run's incidents, ranked (empty without a guard or incidents). */
        public List<io.gradguard.guard.diagnose.Diagnosis> diagnoses() {
            if (guard == null || incidents.isEmpty()) {
                return List.of();
            }
            return new io.gradguard.guard.diagnose.Diagnoser().diagnose(incidents,
                    io.gradguard.cli.guard.ModelFactsFactory.of(spec, plan.train().size()));
        }
    }

    public Outcome run() throws IOException {
        RunSpec spec = plan.spec();
        Guard guard = spec.guard() == null ? null : new Guard(spec.guard().config());
        CheckpointPolicy checkpoints = new CheckpointPolicy(dir.checkpoints(), 3);
        if (guard != null) {
            // The guard's history (moving statistics, escalation, clipper history) travels with the weights.
            checkpoints = checkpoints.withExtra(GUARD_STATE, () -> {
                try {
                    return JSON.writeValueAsBytes(guard.state());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        Trainer trainer = plan.trainer().checkpointTo(checkpoints);
        if (resumeFrom != null) {
            trainer.resumeFrom(resumeFrom);
            java.nio.file.Path saved = io.gradguard.train.Checkpoint.resolve(dir.checkpoints()).resolve(GUARD_STATE);
            if (guard != null && java.nio.file.Files.exists(saved)) {
                try {
                    guard.restore(JSON.readValue(saved.toFile(),
                            new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, Object>>() { }));
                } catch (IllegalArgumentException | ClassCastException e) {
                    throw new IOException(saved + ": " + e.getMessage(), e);
                }
            }
        }
        if (progressOut != null) {
            trainer.addListener(ProgressBar.forStderr());
        }
        probes.forEach(trainer::addHook);
        listeners.forEach(trainer::addListener);
        GuardHook hook = guard != null || !faults.isEmpty() ? new GuardHook(guard, faults, dir.checkpoints()) : null;
        if (hook != null) {
            trainer.addHook(hook);
        }
        List<IncidentRecord> incidents = new ArrayList<>();
        List<EpochMetrics> epochs = new ArrayList<>();
        long[] firstNonFinite = {-1};
        trainer.addListener(new TrainListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (firstNonFinite[0] < 0 && !Double.isFinite(m.loss())) {
                    firstNonFinite[0] = m.step();
                }
            }

            @Override
            public void onEpochEnd(EpochMetrics m) {
                epochs.add(m);
            }
        });
        TrainResult result;
        try (MetricsRecorder recorder = new MetricsRecorder(dir, () -> hook == null ? null : hook.last());
             IncidentRecorder incidentLog = new IncidentRecorder(dir.incidents())) {
            if (guard != null) {
                guard.addListener(incidentLog);
                guard.addListener((GuardListener) s -> incidents.addAll(s.incidents()));
                if (progressOut != null) {
                    guard.addListener(new IncidentPrinter(progressOut));
                }
            }
            trainer.addListener(recorder);
            result = trainer.fit();
        }
        return new Outcome(spec, plan, dir, result, guard, incidents, epochs, firstNonFinite[0]);
    }
}
