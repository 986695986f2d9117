package io.gradguard.cli.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gradguard.cli.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --json}, {@code --csv FILE} and {@code --plot FILE.png}, shared by every analysis. */
final class OutputOptions {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Also write the table as CSV to FILE (further tables go to FILE-NAME.csv beside it).")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the analysis to FILE.png.")
    Path plot;

    void emit(PrintWriter out, Report r) {
        if (json) {
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(r.json()));
            } catch (IOException e) {
                throw new IllegalStateException("JSON of " + r.analysis + " failed", e);
            }
        } else {
            out.println(r.text());
        }
        if (csv != null) {
            for (int i = 0; i < r.tables.size(); i++) {
                Path p = i == 0 ? csv : sibling(csv, r.tables.get(i).name);
                try {
                    Path parent = p.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    Files.writeString(p, r.tables.get(i).csv());
                } catch (IOException e) {
                    throw new UserError("--csv: cannot write " + p + ": " + e.getMessage(), e);
                }
            }
        }
        if (plot != null) {
            if (r.figure == null) {
                throw new IllegalStateException("analysis " + r.analysis + " has no figure for --plot");
            }
            try {
                r.figure.get().write(plot);
            } catch (IOException e) {
                throw new UserError("--plot: cannot write " + plot + ": " + e.getMessage(), e);
            }
            if (!json) {
                out.println("plot: " + plot);
            }
        }
        out.flush();
    }

    private static Path sibling(Path csv, String name) {
        String f = csv.getFileName().toString();
        String stem = f.endsWith(".csv") ? f.substring(0, f.length() - 4) : f;
        return csv.resolveSibling(stem + "-" + name + ".csv");
    }
}
