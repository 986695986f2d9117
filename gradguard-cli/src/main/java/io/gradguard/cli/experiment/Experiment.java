package io.gradguard.cli.experiment;

import java.util.List;

/**
 * A claim of the seeds, tested by a grid of runs repeated over seeds. Bump {@link #version()} whenever the
 * grid or the analysis changes meaning: finished points of another version are run again.
 */
public interface Experiment {
    /** The command-line and directory name ({@code depth}). */
    String name();

    String title();

    int version();

    /** The claim, as one sentence that the analysis decides. */
    String claim();

    /** The grid: full size, or reduced with {@code quick} (every experiment's quick grid runs in CI). */
    List<Point> grid(boolean quick);

    /** Tables, the verdict and figures from every point's outcomes. */
    Analysis analyze(Results results);
}
