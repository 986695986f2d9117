package io.gradguard.cli;

import io.gradguard.runs.RunDirectory;

import io.gradguard.cli.inspect.PlanInspection;
import io.gradguard.cli.report.Reports;
import io.gradguard.cli.run.DemoReport;
import io.gradguard.cli.run.Manifest;
import io.gradguard.cli.run.RunFactory;
import io.gradguard.cli.run.RunPlan;
import io.gradguard.cli.run.RunSession;
import io.gradguard.cli.spec.GuardSpec;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.cli.spec.SpecException;
import io.gradguard.cli.spec.SpecParser;
import io.gradguard.cli.spec.SpecWriter;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.inject.FaultPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradguard demo}: the exploding example trained twice, unguarded and then guarded, with the rescue,
 * the incidents and the diagnosis side by side.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train the exploding example twice, without and with the guard, and show side by side",
            "what happened: the loss, the rescue, the incidents and the diagnosis; writes report.html in",
            "each run directory."},
        footer = {"", "Examples:", "  gradguard demo", "  gradguard demo --epochs 5 --out /tmp/demo",
            "  gradguard demo --spec examples/deep-sigmoid.yaml --clip-max-norm 0.5"})
public final class DemoCommand implements Callable<Integer> {
    static final String EXAMPLE = "examples/deep-relu-bad-init.yaml";

    @Option(names = "--spec", paramLabel = "SPEC.yaml",
            description = "The run to demonstrate (default: the bundled " + EXAMPLE + ").")
    Path specFile;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs for both runs (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int epochs;

    @Option(names = "--clip-max-norm", paramLabel = "X",
            description = "The guarded run clips the global gradient norm to X (default: ${DEFAULT-VALUE}).",
            defaultValue = "1.0")
    double maxNorm;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the two run directories go (default: runs/demo, made unique).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter outw = command.commandLine().getOut();
        if (epochs < 1) {
            throw new UserError("--epochs must be >= 1, got " + epochs);
        }
        ClipPolicy clip;
        try {
            clip = new ClipPolicy.GlobalNorm(maxNorm);
        } catch (IllegalArgumentException e) {
            throw new UserError("--clip-max-norm: " + e.getMessage(), e);
        }
        RunSpec base;
        Path specDir;
        String source;
        try {
            List<String> overrides = new ArrayList<>(List.of("training.epochs=" + epochs));
            if (specFile != null) {
                if (!Files.isRegularFile(specFile)) {
                    throw new UserError(specFile + ": no such spec file");
                }
                base = SpecParser.parse(specFile, overrides);
                specDir = specFile.toAbsolutePath().getParent();
                source = specFile.toString();
            } else {
                base = SpecParser.parse(bundled(EXAMPLE), EXAMPLE, overrides);
                specDir = Path.of(".").toAbsolutePath();
                source = EXAMPLE;
            }
        } catch (SpecException e) {
            throw new UserError(e.getMessage(), e);
        }
        GuardSpec d = GuardSpec.defaults();
        RunSpec unguarded = base.withGuard(null);
        RunSpec guarded = base.withGuard(new GuardSpec(clip, d.detectors(), d.recovery(), d.monitor(),
                d.snapshotEvery(), d.traceLimit(), ""));
        Path root = out != null ? out : RunDirectory.createUnder(Path.of(base.output().dir()), "demo").root();
        outw.println("GradGuard demo: " + source + " (" + epochs + " epochs), trained without and with the guard");
        outw.flush();
        RunSession.Outcome a = run(unguarded, specDir, root.resolve("unguarded"));
        RunSession.Outcome b = run(guarded, specDir, root.resolve("guarded"));
        outw.println(DemoReport.render(a, b, clip));
        // As train does: the guarded run's diagnosis goes beside its incidents, so its report shows it.
        if (!b.diagnoses().isEmpty()) {
            io.gradguard.runs.DiagnosisFile.write(b.dir(), b.diagnoses(), b.incidents());
        }
        outw.println("Reports: " + Reports.write(a.dir().root(), null) + " and " + Reports.write(b.dir().root(), null));
        outw.flush();
        return 0;
    }

    private static RunSession.Outcome run(RunSpec spec, Path specDir, Path dirPath) throws IOException {
        RunDirectory dir = RunDirectory.createAt(dirPath);
        dir.writeSpec(SpecWriter.toYaml(RunFactory.resolvedForRecord(spec, specDir)));
        dir.writeManifest(Manifest.of(spec.name(), spec.seed(), null, "demo"));
        RunPlan plan;
        try {
            plan = RunFactory.build(spec, specDir);
        } catch (SpecException e) {
            throw new UserError(e.getMessage(), e);
        }
        PlanInspection.writeTo(dir, spec, plan);
        return new RunSession(plan, dir, FaultPlan.none()).run();
    }

    static String bundled(String resource) throws IOException {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the bundled example " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
