package io.gradguard.cli;

import io.gradguard.cli.run.Manifest;
import io.gradguard.cli.run.MetricsRecorder;
import io.gradguard.cli.run.ProgressBar;
import io.gradguard.cli.run.RunDirectory;
import io.gradguard.cli.run.RunFactory;
import io.gradguard.cli.run.RunPlan;
import io.gradguard.cli.run.Summary;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.cli.spec.SpecException;
import io.gradguard.cli.spec.SpecParser;
import io.gradguard.cli.spec.SpecWriter;
import io.gradguard.train.Checkpoint;
import io.gradguard.train.CheckpointPolicy;
import io.gradguard.train.Progress;
import io.gradguard.train.TrainResult;
import io.gradguard.train.Trainer;
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
            "(spec.yaml, manifest.json, metrics.jsonl, checkpoints/)."},
        footer = {"", "Examples:",
            "  gradguard train examples/spirals.yaml",
            "  gradguard train examples/spirals.yaml --set optimizer.lr=0.05 --set training.epochs=10",
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

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = command.commandLine().getErr();
        PrintWriter outw = command.commandLine().getOut();
        if (resume != null && (specFile != null || !overrides.isEmpty() || out != null)) {
            throw new UserError("--resume takes the spec from the run directory; drop SPEC.yaml, --set and --out");
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
        } else {
            try {
                progress = Checkpoint.restore(dir.checkpoints(), plan.model(), plan.optimizer());
            } catch (IOException e) {
                throw new UserError("cannot resume " + resume + ": " + e.getMessage(), e);
            }
        }
        Trainer trainer = plan.trainer().checkpointTo(new CheckpointPolicy(dir.checkpoints(), 3));
        if (progress != null) {
            trainer.resumeFrom(progress);
        }
        if (!quiet) {
            trainer.addListener(ProgressBar.forStderr());
        }
        TrainResult result;
        try (MetricsRecorder recorder = new MetricsRecorder(dir)) {
            trainer.addListener(recorder);
            result = trainer.fit();
        }
        outw.println(Summary.of(spec, plan, result, dir));
        outw.flush();
        err.flush();
        return 0;
    }
}
