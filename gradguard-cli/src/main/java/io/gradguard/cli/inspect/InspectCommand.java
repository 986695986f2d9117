package io.gradguard.cli.inspect;

import io.gradguard.cli.UserError;
import io.gradguard.cli.run.RunFactory;
import io.gradguard.cli.run.RunPlan;
import io.gradguard.cli.spec.RunSpec;
import io.gradguard.cli.spec.SpecException;
import io.gradguard.cli.spec.SpecParser;
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

/**
 * {@code gradguard inspect}: measures a spec's model at initialisation on a few real training batches and
 * predicts whether its gradients will vanish or explode, without training. Exit code 0, or with
 * {@code --strict} 1 when the network is predicted to explode (for CI); 2 for bad input.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Predict vanishing or exploding gradients at initialisation, without training",
            "(per-layer activations, gradient norms and gains measured beside theory, the input-output",
            "Jacobian's largest singular values, saturated and dead units, recurrent spectral radii),",
            "as a table, JSON (--json) or a plot (--plot FILE.png)."},
        footer = {"", "Examples:", "  gradguard inspect examples/deep-relu-bad-init.yaml",
            "  gradguard inspect examples/spirals.yaml --strict   # exit 1 if predicted to explode",
            "  gradguard inspect examples/deep-relu-bad-init.yaml --set model.init=he_normal --json",
            "  gradguard inspect examples/deep-sigmoid.yaml --plot sigmoid-profile.png"})
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The run spec.")
    Path specFile;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "3",
            description = "Training batches to measure on (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--json", description = "Print the inspection as JSON instead of a table.")
    boolean json;

    @Option(names = "--strict", description = "Exit 1 when the network is predicted to explode (0 otherwise).")
    boolean strict;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = {"Also draw the gradient norms and output spreads by depth to FILE.png (two panels,",
                InspectionPlot.PANEL_WIDTH * 2 + "x" + InspectionPlot.PANEL_HEIGHT + ")."})
    Path plot;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
            description = "Override a spec value, e.g. model.init=he_normal. Repeatable.")
    List<String> overrides = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        if (batches < 1) {
            throw new UserError("--batches must be >= 1, got " + batches);
        }
        if (!Files.isRegularFile(specFile)) {
            throw new UserError(specFile + ": no such spec file");
        }
        RunSpec spec;
        RunPlan plan;
        try {
            spec = SpecParser.parse(specFile, overrides);
            plan = RunFactory.build(spec, specFile.toAbsolutePath().getParent());
        } catch (SpecException e) {
            throw new UserError(e.getMessage(), e);
        }
        Inspection inspection = PlanInspection.of(spec, plan, batches);
        String text = json ? InspectionJson.render(inspection) + "\n" : InspectionText.render(inspection);
        if (plot != null) {
            try {
                InspectionPlot.of(inspection).write(plot);
            } catch (IOException e) {
                throw new UserError("--plot: cannot write " + plot + ": " + e.getMessage(), e);
            }
            text = json ? text : text.replace(InspectionText.PLOT_HINT, "plot: " + plot + "\n");
        }
        out.print(text);
        out.flush();
        if (strict && inspection.overall() == Verdict.EXPLODING) {
            PrintWriter err = command.commandLine().getErr();
            err.println("gradguard inspect: --strict: " + spec.name() + " is predicted to explode (exit 1)");
            err.flush();
            return 1;
        }
        return 0;
    }
}
