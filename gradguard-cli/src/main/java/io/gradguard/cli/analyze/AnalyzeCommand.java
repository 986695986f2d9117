package io.gradguard.cli.analyze;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gradguard analyze}: closed-form and measured gradient-flow analyses, one subcommand each. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Reproduce the seeds' gradient arithmetic as tables and plots: the chain rule product, the sigmoid",
            "explosion window, mean-field phases (Schoenholz et al. 2017) and activation derivative ranges."},
        subcommands = {ChainCommand.class, SigmoidWindowCommand.class, MeanFieldCommand.class,
            ActivationsCommand.class},
        footer = {"", "Examples:", "  gradguard analyze chain --depth 4 --weights 2 --x 0.5",
            "  gradguard analyze sigmoid-window --w-max 20",
            "  gradguard analyze mean-field --activation tanh --sigma-b2 0.05 --critical",
            "  gradguard analyze activations --json",
            "  gradguard analyze mean-field --activation tanh --plot phases.png"})
public final class AnalyzeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
