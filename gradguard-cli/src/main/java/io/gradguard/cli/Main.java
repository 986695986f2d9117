package io.gradguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gradguard} command. Each subcommand lives in its own class. */
@Command(name = "gradguard",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Train neural networks in pure Java and keep their gradients healthy.",
        subcommands = {TrainCommand.class, DemoCommand.class, io.gradguard.cli.inspect.InspectCommand.class,
            io.gradguard.cli.analyze.AnalyzeCommand.class, io.gradguard.cli.report.ReportCommand.class,
            io.gradguard.cli.experiment.ExperimentCommand.class,
            DashboardCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 bad usage or input). */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs with the given output streams (tests capture them). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserError u) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + u.getMessage());
                return 2;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
