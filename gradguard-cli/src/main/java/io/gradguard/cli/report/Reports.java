package io.gradguard.cli.report;

import io.gradguard.io.AtomicFiles;
import io.gradguard.runs.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Self-contained HTML reports ({@code report.html}): one file that opens offline, with inline CSS, figures
 * as PNG {@code data:} URIs, no script and no external reference. What a directory is decides the report:
 * a run directory ({@code spec.yaml}), an experiment suite ({@code index.csv}) or one experiment
 * ({@code summary.json}).
 *
 * <pre>{@code
 * Path html = Reports.write(Path.of("runs/spirals"), null);   // runs/spirals/report.html
 * }</pre>
 */
public final class Reports {
    /** The report's default file name inside the directory it describes. */
    public static final String FILE = "report.html";

    private Reports() {
    }

    /**
     * Writes the report of {@code dir} to {@code out} (null: {@code dir/report.html}), atomically, and returns
     * its path.
     *
     * @throws IOException naming the directory and the files looked for when it is neither a run nor an
     *                     experiment directory, or naming the file and line of a malformed row
     */
    public static Path write(Path dir, Path out) throws IOException {
        String html = render(dir);
        Path target = out != null ? out : dir.resolve(FILE);
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(target, html);
        return target;
    }

    /** The report of {@code dir} as HTML text. */
    public static String render(Path given) throws IOException {
        if (!Files.isDirectory(given)) {
            throw new NoSuchFileException(given + ": no such directory");
        }
        Path dir = given.toAbsolutePath().normalize();
        if (Files.isRegularFile(dir.resolve(RunDirectory.SPEC))) {
            return RunReport.render(RunData.read(dir));
        }
        if (Files.isRegularFile(dir.resolve(ClaimsIndex.FILE))) {
            return ExperimentReport.suite(dir);
        }
        if (Files.isRegularFile(dir.resolve(ExperimentSummary.FILE))) {
            return ExperimentReport.single(dir);
        }
        throw new IOException(dir + " is neither a run directory (no " + RunDirectory.SPEC + ") nor an experiment "
                + "directory (no " + ClaimsIndex.FILE + " or " + ExperimentSummary.FILE + ")");
    }
}
