package io.gradguard.cli;

import io.gradguard.runs.DiagnosisFile;

import io.gradguard.runs.RunDirectory;

import io.gradguard.cli.run.Manifest;
import io.gradguard.cli.run.RunSession;
import io.gradguard.cli.run.RunFactory;
import io.gradguard.cli.run.RunPlan;
import io.gradguard.cli.run.Summary;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.cli.spec.SpecException;
import io.gradguard.cli.spec.SpecParser;
import io.gradguard.cli.spec.SpecWriter;
import io.gradguard.train.Checkpoint;
import io.gradguard.train.Progress;
import io.gradguard.train.TrainResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gradguard train}: trains a run spec and writes a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model from a YAML run spec and write a run directory",
            "(spec.yaml, manifest.json, inspection.json, metrics.jsonl, checkpoints/)."},
        footer = {"", "Examples:",
            "  gradguard train examples/spirals.yaml",
            "  gradguard train examples/spirals.yaml --set optimizer.lr=0.05 --set training.epochs=10",
            "  gradguard train examples/spirals.yaml --guard --inject nan@100,spike@300x1e4",
            "  gradguard train examples/deep-relu-bad-init.yaml --set 'guard.clip={name: global_norm, max_norm: 1.0}'",
            "  gradguard train examples/spirals.yaml --guard --report   # runs/spirals/report.html",
            "  gradguard train examples/spirals.yaml --dashboard --port 8080",
            "  gradguard train --resume runs/spirals"})
public final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC.yaml", description = "The run spec.")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory (default: output.dir/NAME from the spec, made unique).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
            description = "Override a spec value, e.g. optimizer.lr=0.1 or 'model.layers[0].dense.units=32'. Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its latest checkpoint.")
    Path resume;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar or per-epoch lines; only the summary.")
    boolean quiet;

    @Option(names = "--guard", description = "Guard the run with the default guard even if the spec has no guard section.")
    boolean guardOn;

    @Option(names = "--no-guard", description = "Run without the guard even if the spec has a guard section.")
    boolean guardOff;

    @Option(names = "--inject", paramLabel = "FAULTS",
            description = "Inject faults to watch the guard work, e.g. nan@120,inf@50:layers.2,spike@300x1e4,"
                    + "loss_nan@200,loss_spike@400x100 (overrides guard.inject).")
    String inject;

    @Option(names = "--no-inspect", description = {"Skip the pre-flight inspection that writes inspection.json",
        "(gradguard inspect on the first 3 batches, before training)."})
    boolean noInspect;

    @Option(names = "--report", description = "Write report.html into the run directory at the end (see gradguard report).")
    boolean report;
    @picocli.CommandLine.Mixin
    DashboardOptions dashboard = new DashboardOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = command.commandLine().getErr();
        PrintWriter outw = command.commandLine().getOut();
        if (resume != null && (specFile != null || !overrides.isEmpty() || out != null)) {
            throw new UserError("--resume takes the spec from the run directory; drop SPEC.yaml, --set and --out");
        }
        dashboard.check();
        if (guardOn && guardOff) {
            throw new UserError("--guard and --no-guard contradict each other");
        }
        if (resume == null && specFile == null) {
            throw new UserError("give a SPEC.yaml to train, or --resume RUN_DIR (see gradguard train --help)");
        }
        RunSpec spec;
        Path specDir;
        RunDirectory dir;
        try {
            if (resume != null) {
                dir = RunDirectory.open(resume);
                spec = SpecParser.parse(dir.spec());
                specDir = dir.root();
            } else {
                if (!Files.isRegularFile(specFile)) {
                    throw new UserError(specFile + ": no such spec file");
                }
                spec = SpecParser.parse(specFile, overrides);
                specDir = specFile.toAbsolutePath().getParent();
                dir = null;
            }
        } catch (SpecException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (guardOff) {
            spec = spec.withGuard(null);
        } else if (guardOn && spec.guard() == null) {
            spec = spec.withGuard(io.gradguard.cli.spec.GuardSpec.defaults());
        }
        io.gradguard.guard.inject.FaultPlan faults;
        try {
            faults = io.gradguard.guard.inject.FaultPlan.parse(inject != null ? inject
                    : spec.guard() != null ? spec.guard().inject() : "");
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        RunPlan plan;
        try {
            plan = RunFactory.build(spec, specDir);
        } catch (SpecException e) {
            throw new UserError(e.getMessage(), e);
        }
        Progress progress = null;
        if (resume == null) {
            dir = out != null ? RunDirectory.createAt(out)
                    : RunDirectory.createUnder(Path.of(spec.output().dir()), spec.name());
            dir.writeSpec(SpecWriter.toYaml(RunFactory.resolvedForRecord(spec, specDir)));
            dir.writeManifest(Manifest.of(spec.name(), spec.seed(), specFile, "train"));
            if (!noInspect) {
                try {
                    io.gradguard.cli.inspect.Inspection in = io.gradguard.cli.inspect.PlanInspection.writeTo(dir, spec, plan);
                    if (!quiet) {
                        err.println(io.gradguard.cli.inspect.PlanInspection.line(in));
                    }
                } catch (RuntimeException e) {
                    // The inspection only informs; a model it cannot measure still trains.
                    err.println("gradguard train: warning: pre-flight inspection failed, training without "
                            + RunDirectory.INSPECTION + ": " + e);
                }
            }
        } else {
            try {
                progress = Checkpoint.restore(dir.checkpoints(), plan.model(), plan.optimizer());
            } catch (IOException e) {
                throw new UserError("cannot resume " + resume + ": " + e.getMessage(), e);
            }
        }
        RunSession session = new RunSession(plan, dir, faults);
        if (progress != null) {
            session.resumeFrom(progress);
        }
        if (!quiet) {
            session.printTo(err);
        }
        io.gradguard.dashboard.Dashboard live = dashboard.start(dir, outw);
        RunSession.Outcome outcome;
        try {
            outcome = session.run();
        } catch (IOException | RuntimeException e) {
            if (live != null) {
                live.close();
            }
            throw e;
        }
        TrainResult result = outcome.result();
        io.gradguard.guard.Guard guard = outcome.guard();
        outw.println(Summary.of(spec, plan, result, dir));
        if (guard != null) {
            outw.println(io.gradguard.cli.guard.GuardReport.summary(guard.summary(), faults));
            List<io.gradguard.guard.diagnose.Diagnosis> diagnoses = outcome.diagnoses();
            if (!diagnoses.isEmpty()) {
                outw.println("diagnosis:");
                outw.println(io.gradguard.guard.diagnose.DiagnosisReport.render(diagnoses));
                io.gradguard.runs.DiagnosisFile.write(dir, diagnoses, outcome.incidents());
            }
        } else if (!faults.isEmpty()) {
            outw.println("  injected " + faults.faults().size() + " faults without a guard");
        }
        if (report) {
            outw.println("  report: " + io.gradguard.cli.report.Reports.write(dir.root(), null));
        }
        outw.flush();
        err.flush();
        if (live != null) {
            dashboard.trainingEnded(live, outw);
        }
        return 0;
    }
}
