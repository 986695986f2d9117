package io.gradguard.cli.experiment;

import io.gradguard.cli.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gradguard experiment NAME|all}: runs experiments that reproduce the seeds' claims, each a grid of
 * runs over seeds, and writes their tables, verdicts and figures (layout in {@link SuiteWriter}). Finished
 * points are kept, so an interrupted suite continues where it stopped.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Reproduce the seeds' claims: run an experiment's grid of runs over seeds,",
            "one run per core, and write its results table, verdict and figures under --out.",
            "A second invocation reuses every finished run (runs/POINT-sSEED/done.json)."},
        footer = {"", "Experiments: depth, init, activations, learning-rate, batch-norm,",
            "residual, regularization, recurrent, clipping, theory.", "", "Examples:",
            "  gradguard experiment all --quick",
            "  gradguard experiment residual --seeds 5", "  gradguard experiment depth --quick --out /tmp/exp"})
public final class ExperimentCommand implements Callable<Integer> {
    /** Seeds when {@code --seeds} is not given. */
    static final int DEFAULT_SEEDS = 3;

    @Parameters(index = "0", paramLabel = "NAME|all", description = "The experiment to run, or all of them.")
    String name;

    @Option(names = "--quick", description = "Reduced grids: the whole suite in about a minute on 2 cores.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "experiments",
            description = "Where results go: DIR/index.md and DIR/NAME/ (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seeds", paramLabel = "N",
            description = "Seeds 1..N per grid point (default: " + DEFAULT_SEEDS + ").")
    Integer seeds;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        try {
            return runAll();
        } catch (IOException e) {
            throw new UserError("cannot write the results under " + out + ": " + e.getMessage(), e);
        }
    }

    private int runAll() throws IOException {
        PrintWriter outw = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        if (seeds != null && seeds < 1) {
            throw new UserError("--seeds must be >= 1, got " + seeds);
        }
        List<Experiment> chosen = Experiments.select(name);
        int n = seeds != null ? seeds : DEFAULT_SEEDS;
        List<Long> seedList = LongStream.rangeClosed(1, n).boxed().toList();
        int workers = Runtime.getRuntime().availableProcessors();
        GridRunner runner = new GridRunner(workers, err);
        long t0 = System.nanoTime();
        List<String> lines = new ArrayList<>();
        int held = 0;
        for (Experiment e : chosen) {
            long te = System.nanoTime();
            Path dir = out.resolve(e.name());
            GridRunner.Run run = runner.run(e, quick, seedList, dir);
            Analysis a = e.analyze(run.results());
            double seconds = (System.nanoTime() - te) / 1e9;
            SuiteWriter.write(dir, e, run.results(), a, seconds);
            SuiteWriter.writeIndex(out, Experiments.names());
            held += a.held() ? 1 : 0;
            String line = String.format(Locale.ROOT, "%-15s %-8s %6.1f s  %d runs (%d reused)  %s", e.name(),
                    a.held() ? "held" : "NOT HELD", seconds, run.ran() + run.resumed(), run.resumed(), a.outcome());
            lines.add(line);
            err.println(e.name() + ": " + (a.held() ? "held" : "NOT HELD") + " - " + a.outcome());
            err.flush();
        }
        double total = (System.nanoTime() - t0) / 1e9;
        outw.println(String.format(Locale.ROOT, "GradGuard experiments (%s grid, seeds 1..%d, %d workers)",
                quick ? "quick" : "full", n, workers));
        lines.forEach(outw::println);
        outw.println(String.format(Locale.ROOT, "%d of %d claims held; total %.1f s. Results: %s", held,
                chosen.size(), total, out.resolve("index.md")));
        outw.flush();
        return 0;
    }
}
