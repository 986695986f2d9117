package io.gradguard.cli.report;

import io.gradguard.io.FileFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV reader for the experiments' {@code index.csv}: comma-separated fields, fields in double
 * quotes may hold commas, line breaks and doubled quotes ({@code ""}); CRLF or LF line ends; blank lines
 * skipped. Each record remembers the line it starts on, so errors can name it.
 */
final class Csv {
    /** One record and the 1-based line it starts on. */
    record Row(int line, List<String> fields) {
    }

    private Csv() {
    }

    /**
     * @param file named in errors
     * @throws FileFormatException {@code FILE:LINE: ...} for a quote that is never closed or text after a
     *                             closing quote
     */
    static List<Row> parse(String text, Path file) throws FileFormatException {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int start = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                if (!(fields.size() == 1 && fields.get(0).isEmpty() && !wasQuoted)) {
                    rows.add(new Row(start, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                wasQuoted = false;
                line++;
                start = line;
            } else if (wasQuoted) {
                throw new FileFormatException(file + ":" + line + ": text after a closing quote ('" + c + "'); "
                        + "inside a quoted field write a quote as \"\"");
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new FileFormatException(file + ":" + start + ": a quoted field is never closed");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            rows.add(new Row(start, List.copyOf(fields)));
        }
        return rows;
    }
}
