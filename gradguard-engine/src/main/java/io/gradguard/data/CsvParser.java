package io.gradguard.data;

import io.gradguard.io.FileFormatException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180 basics): fields separated by the delimiter; a field that starts
 * with {@code "} is quoted and may hold delimiters, line breaks and doubled quotes ({@code ""} is one
 * quote); records end at LF, CRLF or CR; blank (or all-whitespace) lines are skipped. Unquoted fields are
 * taken literally.
 */
final class CsvParser {
    /** One record and the (1-based) line it starts on. */
    record Record(int line, List<String> fields) {
    }

    private static final int EOF = -1;

    private final Reader in;
    private final String file;
    private final char delimiter;
    private int line = 1;
    private int pushedBack = Integer.MIN_VALUE;

    CsvParser(Reader in, String file, char delimiter) {
        this.in = in;
        this.file = file;
        this.delimiter = delimiter;
    }

    /** The next non-blank record, or {@code null} at the end of the input. */
    Record next() throws IOException {
        while (true) {
            int c = read();
            if (c == EOF) {
                return null;
            }
            unread(c);
            int start = line;
            List<String> fields = readRecord(start);
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            return new Record(start, fields);
        }
    }

    private List<String> readRecord(int start) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            int c = read();
            if (c == '"' && field.length() == 0) {
                readQuoted(field, start, fields.size() + 1);
                c = read();
                if (c != delimiter && c != '\n' && c != '\r' && c != EOF) {
                    throw new FileFormatException(file + ":" + line + ": unexpected character '" + (char) c
                            + "' after the closing quote of the " + CsvLoader.ordinal(fields.size() + 1)
                            + " field");
                }
            }
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r' || c == EOF) {
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        unread(d);
                    }
                }
                if (c != EOF) {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
            }
        }
    }

    /** Reads a quoted field's content after its opening quote, up to and including the closing quote. */
    private void readQuoted(StringBuilder field, int start, int column) throws IOException {
        int opened = line;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new FileFormatException(file + ":" + opened + ": the quoted " + CsvLoader.ordinal(column)
                        + " field of the record starting on line " + start + " is never closed");
            }
            if (c == '"') {
                int d = read();
                if (d != '"') {
                    unread(d);
                    return;
                }
            } else if (c == '\n' || (c == '\r' && peekNot('\n'))) {
                line++;
            }
            field.append((char) c);
        }
    }

    /** True if the next character is not {@code c} (without consuming it). */
    private boolean peekNot(int c) throws IOException {
        int d = read();
        unread(d);
        return d != c;
    }

    private int read() throws IOException {
        if (pushedBack != Integer.MIN_VALUE) {
            int c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
