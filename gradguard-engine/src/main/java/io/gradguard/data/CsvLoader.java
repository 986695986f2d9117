package io.gradguard.data;

import io.gradguard.io.FileFormatException;
import io.gradguard.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Loads a numeric CSV file (UTF-8) into a {@link Dataset}: every column except the target is a feature and
 * must hold a finite number; the target column is read as {@link CsvOptions#task()} says. Quoting follows
 * RFC 4180 (see {@link CsvParser}); blank lines are skipped.
 *
 * <p>Every problem is a {@link FileFormatException} naming the file, the line and the column, for example
 * {@code data.csv:14: column 'x3' (4th): 'abc' is not a number} or
 * {@code data.csv:9: expected 5 fields as in the header, found 4}.
 */
public final class CsvLoader {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NAN = Pattern.compile("(?i)[+-]?nan");
    private static final Pattern INF = Pattern.compile("(?i)[+-]?inf(inity)?");

    private CsvLoader() {
    }

    /** Reads {@code file}; the data set is named after the file without its extension. */
    public static Dataset load(Path file, CsvOptions options) throws IOException {
        String where = file.toString();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return read(new CsvParser(reader, where, options.delimiter()), where, datasetName(file), options);
        } catch (CharacterCodingException e) {
            throw new FileFormatException(where + " is not UTF-8 text: " + e, e);
        }
    }

    private static Dataset read(CsvParser parser, String file, String name, CsvOptions options) throws IOException {
        CsvParser.Record first = parser.next();
        if (first == null) {
            throw new FileFormatException(file + " is empty");
        }
        List<String> columns;
        CsvParser.Record row;
        String widthSource;
        if (options.header()) {
            columns = first.fields().stream().map(String::strip).toList();
            row = parser.next();
            widthSource = "the header";
            if (row == null) {
                throw new FileFormatException(file + " has a header but no data rows");
            }
        } else {
            columns = null;
            row = first;
            widthSource = "the first row (line " + first.line() + ")";
        }
        int width = columns != null ? columns.size() : first.fields().size();
        int target = targetColumn(file, options.target(), columns, width);
        if (width < 2) {
            throw new FileFormatException(file + ": needs a target and at least one feature column, found "
                    + width + " column");
        }
        boolean classification = options.task() == CsvOptions.Task.CLASSIFICATION;
        int d = width - 1;
        float[] x = new float[d * 64];
        float[] y = new float[64];
        List<String> labels = classification ? new ArrayList<>() : null;
        int n = 0;
        for (; row != null; row = parser.next()) {
            List<String> f = row.fields();
            if (f.size() != width) {
                throw new FileFormatException(file + ":" + row.line() + ": expected " + width + " fields as in "
                        + widthSource + ", found " + f.size());
            }
            if (n == y.length) {
                y = Arrays.copyOf(y, 2 * n);
                x = Arrays.copyOf(x, 2 * n * d);
            }
            int k = 0;
            for (int c = 0; c < width; c++) {
                if (c != target) {
                    x[n * d + k++] = number(file, row.line(), columns, c, f.get(c));
                } else if (classification) {
                    labels.add(label(file, row.line(), columns, c, f.get(c)));
                } else {
                    y[n] = number(file, row.line(), columns, c, f.get(c));
                }
            }
            n++;
        }
        Tensor features = Tensor.of(Arrays.copyOf(x, n * d), n, d);
        if (!classification) {
            return new Dataset(name, features, Tensor.of(Arrays.copyOf(y, n), n, 1), 0);
        }
        ClassLabels classes = ClassLabels.of(labels);
        return new Dataset(name, features, Tensor.of(classes.indices(), n), classes.names().size(), classes.names());
    }

    /** Resolves the target to a column index: a header name first, else a 0-based (or negative) index. */
    private static int targetColumn(String file, String target, List<String> columns, int width)
            throws FileFormatException {
        if (columns != null) {
            int found = columns.indexOf(target);
            if (found >= 0) {
                int again = columns.lastIndexOf(target);
                if (again != found) {
                    throw new FileFormatException(file + ": target column '" + target + "' is ambiguous: it names "
                            + "the " + ordinal(found + 1) + " and the " + ordinal(again + 1) + " columns");
                }
                return found;
            }
        }
        Integer index = parseIndex(target);
        if (index == null) {
            throw new FileFormatException(columns != null
                    ? file + ": target column '" + target + "' not found; columns are: " + String.join(", ", columns)
                    : file + ": target '" + target + "' must be a 0-based column index because the file has "
                            + "no header");
        }
        int resolved = index < 0 ? width + index : index;
        if (resolved < 0 || resolved >= width) {
            throw new FileFormatException(file + ": target column index " + target + " is out of range for "
                    + width + " columns");
        }
        return resolved;
    }

    private static Integer parseIndex(String s) {
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static float number(String file, int line, List<String> columns, int c, String raw)
            throws FileFormatException {
        String s = raw.strip();
        String at = file + ":" + line + ": ";
        if (NAN.matcher(s).matches()) {
            throw new FileFormatException(at + columnName(columns, c) + ": NaN is not allowed in the data");
        }
        String col = columnName(columns, c) + (columns != null ? " (" + ordinal(c + 1) + ")" : "");
        if (s.isEmpty()) {
            throw new FileFormatException(at + col + ": the value is missing");
        }
        if (!INF.matcher(s).matches() && !NUMBER.matcher(s).matches()) {
            throw new FileFormatException(at + col + ": '" + raw + "' is not a number");
        }
        float v = INF.matcher(s).matches() ? Float.POSITIVE_INFINITY : Float.parseFloat(s);
        if (Float.isInfinite(v)) {
            throw new FileFormatException(at + col + ": '" + raw + "' is infinite (or beyond the float range), "
                    + "which is not allowed in the data");
        }
        return v;
    }

    private static String label(String file, int line, List<String> columns, int c, String raw)
            throws FileFormatException {
        String s = raw.strip();
        if (s.isEmpty()) {
            throw new FileFormatException(file + ":" + line + ": target " + columnName(columns, c)
                    + ": the label is missing");
        }
        if (NAN.matcher(s).matches()) {
            throw new FileFormatException(file + ":" + line + ": " + columnName(columns, c)
                    + ": NaN is not allowed in the data");
        }
        return s;
    }

    /** {@code column 'x3'} with a header, {@code column 4} (1-based) without. */
    private static String columnName(List<String> columns, int c) {
        return columns != null ? "column '" + columns.get(c) + "'" : "column " + (c + 1);
    }

    /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st. */
    static String ordinal(int i) {
        int mod100 = i % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : switch (i % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return i + suffix;
    }

    private static String datasetName(Path file) {
        String f = file.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
