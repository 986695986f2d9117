package io.gradguard.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * <a href="https://jsonlines.org">JSON Lines</a>: one JSON object per line, UTF-8, {@code \n}-terminated —
 * the format of {@code metrics.jsonl} and {@code incidents.jsonl}.
 *
 * <p><b>Non-finite numbers.</b> JSON has no NaN or infinity, yet a diverging run produces both. They are
 * written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} (Jackson's
 * {@code WRITE_NAN_AS_STRINGS}; JavaScript's {@code Number("NaN")} and Python's {@code float("NaN")} parse
 * them), and {@link #read} turns exactly those three strings, wherever they appear, back into
 * {@code Double}s. So a string field whose value is literally {@code "NaN"} reads back as a number; the
 * recorders never write such strings.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private JsonLines() {
    }

    /**
     * Opens {@code file} for appending (creating it if needed, keeping existing lines, so a resumed run
     * continues its log); lines are flushed to the OS after every {@code flushEvery} appends and on
     * {@link Appender#flush()} and {@link Appender#close()}.
     */
    public static Appender appender(Path file, int flushEvery) throws IOException {
        if (flushEvery < 1) {
            throw new IllegalArgumentException("JsonLines flushEvery must be >= 1, got " + flushEvery);
        }
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new Appender(w, flushEvery);
    }

    /** Writes one JSON object per line; calls are synchronized, so several threads may append. */
    public static final class Appender implements Closeable, Flushable {
        private final BufferedWriter out;
        private final int flushEvery;
        private int pending;

        private Appender(BufferedWriter out, int flushEvery) {
            this.out = out;
            this.flushEvery = flushEvery;
        }

        /** Appends one object (keys in the map's iteration order). */
        public synchronized void append(Map<String, ?> object) throws IOException {
            writeLine(object);
        }

        /** Appends a record as an object whose keys are its component names, in declaration order. */
        public synchronized void append(Record record) throws IOException {
            writeLine(record);
        }

        private void writeLine(Object value) throws IOException {
            String line = JSON.writeValueAsString(value);
            out.write(line);
            out.write('\n');
            if (++pending >= flushEvery) {
                flush();
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
            pending = 0;
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }

    /**
     * Reads every object of {@code file}, skipping blank lines. Integers come back as {@code Integer} or
     * {@code Long}, other numbers and the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} as
     * {@code Double}. A line that is not a JSON object fails with its line number.
     */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                rows.add(parseLine(line, file + ":" + number));
            }
        }
        return rows;
    }

    /**
     * Parses one line as {@link #read} does (integers as {@code Integer} or {@code Long}, the three non-finite
     * strings as {@code Double}); for readers that follow a file as it grows.
     *
     * @param where the file and line for the error message, e.g. {@code runs/a/metrics.jsonl:12}
     * @throws FileFormatException naming {@code where} if the line is not one JSON object
     */
    public static Map<String, Object> parseLine(String line, String where) throws FileFormatException {
        Object value;
        try {
            value = JSON.readValue(line, Object.class);
        } catch (JsonProcessingException e) {
            throw new FileFormatException(where + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (!(value instanceof Map)) {
            throw new FileFormatException(where + ": expected a JSON object, got "
                    + (value == null ? "null" : line.strip()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) restoreNonFinite(value);
        return object;
    }

    /**
     * The number a non-finite value was written as ({@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}),
     * or null for any other string: for readers of files in this convention that parse JSON themselves.
     */
    public static Double nonFinite(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** Replaces the strings "NaN", "Infinity", "-Infinity" by doubles, in nested maps and lists too. */
    static Object restoreNonFinite(Object v) {
        if (v instanceof String s) {
            Double d = nonFinite(s);
            return d != null ? d : s;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put((String) e.getKey(), restoreNonFinite(e.getValue()));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(restoreNonFinite(o));
            }
            return out;
        }
        return v;
    }
}
