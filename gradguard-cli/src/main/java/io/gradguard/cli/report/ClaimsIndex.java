package io.gradguard.cli.report;

import io.gradguard.io.FileFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An experiment suite's {@code index.csv}: a header naming at least the columns {@code experiment, claim,
 * held, outcome} (in any order; other columns are ignored), then one row per experiment.
 */
final class ClaimsIndex {
    static final String FILE = "index.csv";
    static final List<String> COLUMNS = List.of("experiment", "claim", "held", "outcome");

    /** One experiment's row: its name, claim, whether it held, the measured outcome, and its line. */
    record Claim(String experiment, String claim, boolean held, String outcome, int line) {
    }

    private ClaimsIndex() {
    }

    /**
     * @throws FileFormatException {@code index.csv:LINE: ...} naming the missing column, the row with the
     *                             wrong number of fields, a held value that is not true/false, or an
     *                             experiment name that is not a plain directory name
     */
    static List<Claim> read(Path file) throws IOException {
        List<Csv.Row> rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8), file);
        if (rows.isEmpty()) {
            throw new FileFormatException(file + ": empty; expected a header " + String.join(",", COLUMNS));
        }
        List<String> header = rows.get(0).fields().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        int[] at = new int[COLUMNS.size()];
        for (int c = 0; c < at.length; c++) {
            at[c] = header.indexOf(COLUMNS.get(c));
            if (at[c] < 0) {
                throw new FileFormatException(file + ":" + rows.get(0).line() + ": the header has no column '"
                        + COLUMNS.get(c) + "' (expected " + String.join(",", COLUMNS) + ", got "
                        + String.join(",", header) + ")");
            }
        }
        List<Claim> out = new ArrayList<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            if (r.fields().size() != header.size()) {
                throw new FileFormatException(file + ":" + r.line() + ": expected " + header.size() + " fields ("
                        + String.join(",", header) + "), got " + r.fields().size());
            }
            String name = r.fields().get(at[0]).strip();
            if (!ExperimentSummary.plainName(name)) {
                throw new FileFormatException(file + ":" + r.line() + ": column 'experiment': '" + name
                        + "' is not a plain directory name");
            }
            out.add(new Claim(name, r.fields().get(at[1]), held(r.fields().get(at[2]), file, r.line()),
                    r.fields().get(at[3]), r.line()));
        }
        return out;
    }

    private static boolean held(String s, Path file, int line) throws FileFormatException {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new FileFormatException(file + ":" + line + ": column 'held': expected true or false, got '"
                    + s + "'");
        };
    }
}
