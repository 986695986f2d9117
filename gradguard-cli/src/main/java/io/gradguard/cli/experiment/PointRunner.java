package io.gradguard.cli.experiment;

import io.gradguard.cli.guard.ModelFactsFactory;
import io.gradguard.cli.inspect.Inspection;
import io.gradguard.cli.inspect.InspectionJson;
import io.gradguard.cli.inspect.Inspector;
import io.gradguard.cli.inspect.LayerRow;
import io.gradguard.cli.run.Manifest;
import io.gradguard.cli.run.RunFactory;
import io.gradguard.cli.run.RunPlan;
import io.gradguard.cli.run.RunSession;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.cli.spec.SpecParser;
import io.gradguard.cli.spec.SpecWriter;
import io.gradguard.data.DataLoader;
import io.gradguard.guard.GuardSummary;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.diagnose.Diagnosis;
import io.gradguard.guard.diagnose.ModelFacts;
import io.gradguard.guard.inject.FaultPlan;
import io.gradguard.io.AtomicFiles;
import io.gradguard.runs.DiagnosisFile;
import io.gradguard.runs.RunDirectory;
import io.gradguard.train.EpochMetrics;
import io.gradguard.train.TrainResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Runs one grid point for one seed into its directory and returns what it measured. A training task becomes
 * an ordinary run directory (spec.yaml, manifest.json, metrics.jsonl, incidents.jsonl, checkpoints/, and
 * diagnosis.json when a guard saw incidents) with the point's spec, its {@code seed} and {@code name} set.
 * Besides the {@link Probe}'s series, every training outcome holds {@code final_train_loss},
 * {@code final_train_accuracy}, {@code final_val_loss}, {@code final_val_accuracy}, {@code diverged} (1 when
 * the final loss or any weight is NaN/Inf), {@code first_nonfinite_step} (NaN if none), {@code steps} and,
 * with a guard, {@code clipped_steps}, {@code skipped_steps}, {@code incidents} and {@code incidents_KIND}
 * for every incident kind.
 */
final class PointRunner {
    private PointRunner() {
    }

    static Outcome run(Experiment e, Point p, long seed, Path dir) throws IOException {
        long t0 = System.nanoTime();
        Outcome.Builder out = new Outcome.Builder();
        if (p.task() instanceof Task.Train t) {
            train(e, p, t, seed, dir, out);
        } else if (p.task() instanceof Task.Compute c) {
            java.nio.file.Files.createDirectories(dir);
            c.computation().run(seed, out);
        }
        return out.build(p.id(), seed, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * {@code gradguard inspect} on three training batches: {@code inspect_gain} (the geometric mean of the
     * measured per-layer gains of the backpropagated signal), {@code inspect_theory_gain} (the same for the
     * gains the initialisation predicts, NaN when unknown) and the series {@code inspect_out_grad} (each weight
     * layer's {@code ||dL/d(output)||}, input side first).
     */
    private static void inspect(RunSpec spec, RunPlan plan, RunDirectory rd, Outcome.Builder out)
            throws IOException {
        ModelFacts facts;
        try {
            facts = ModelFactsFactory.of(spec);
        } catch (RuntimeException ex) {
            facts = null; // as gradguard inspect: no theory for models the facts cannot describe
        }
        DataLoader loader = new DataLoader(plan.train(), plan.config().batchSize(), plan.config().shuffle(), false,
                plan.rng().fork("shuffle"));
        List<DataLoader.Batch> batches = new ArrayList<>();
        for (Iterator<DataLoader.Batch> it = loader.epoch(0); it.hasNext() && batches.size() < 3; ) {
            batches.add(it.next());
        }
        Inspection in = Inspector.inspect(spec.name(), plan.model(), plan.loss(), batches, facts, plan.rng());
        AtomicFiles.write(rd.inspection(), InspectionJson.render(in).getBytes(StandardCharsets.UTF_8));
        out.put("inspect_gain", in.gainPerLayer());
        out.put("inspect_theory_gain", in.gainCount() == 0 ? Double.NaN
                : Math.pow(in.theoryProduct(), 1.0 / in.gainCount()));
        out.series("inspect_out_grad", in.layers().stream().filter(LayerRow::hasParams)
                .mapToDouble(LayerRow::outGradNorm).toArray());
    }

    private static void train(Experiment e, Point p, Task.Train t, long seed, Path dir, Outcome.Builder out)
            throws IOException {
        String runName = p.id() + "-s" + seed;
        RunSpec spec = SpecParser.parse(t.yaml(), e.name() + "/" + p.id() + ".yaml",
                List.of("seed=" + seed, "name=" + runName));
        RunPlan plan = RunFactory.build(spec, null);
        RunDirectory rd = RunDirectory.createAt(dir);
        rd.writeSpec(SpecWriter.toYaml(spec));
        rd.writeManifest(Manifest.of(runName, seed, null, "experiment " + e.name()));
        if (t.inspect()) {
            inspect(spec, plan, rd, out);
        }
        FaultPlan faults = FaultPlan.parse(spec.guard() == null ? "" : spec.guard().inject());
        Probe probe = new Probe(t.probeSteps());
        RunSession.Outcome o = new RunSession(plan, rd, faults).probe(probe).listen(probe).run();
        probe.addTo(out);
        TrainResult r = o.result();
        EpochMetrics last = r.last();
        out.put("final_train_loss", last == null ? Double.NaN : last.trainLoss());
        out.put("final_train_accuracy", last == null ? Double.NaN : last.trainAccuracy());
        out.put("final_val_loss", last == null ? Double.NaN : last.valLoss());
        out.put("final_val_accuracy", last == null ? Double.NaN : last.valAccuracy());
        out.put("diverged", r.diverged() ? 1 : 0);
        out.put("first_nonfinite_step", o.firstNonFiniteStep() < 0 ? Double.NaN : o.firstNonFiniteStep());
        out.put("steps", r.steps());
        if (o.guard() != null) {
            GuardSummary g = o.guard().summary();
            out.put("clipped_steps", g.clipped());
            out.put("skipped_steps", g.skipped());
            out.put("incidents", g.incidents());
            for (IncidentKind k : IncidentKind.values()) {
                out.put("incidents_" + k.id(), g.byKind().getOrDefault(k, 0));
            }
            List<Diagnosis> diagnoses = o.diagnoses();
            if (!diagnoses.isEmpty()) {
                DiagnosisFile.write(rd, diagnoses, o.incidents());
            }
        }
    }
}
