package io.gradguard.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.io.FileFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One experiment's {@code summary.json}: {@code {"name", "title", "version", "claim", "held": bool,
 * "quick": bool, "seeds": [..], "seconds", "table": {"columns": [..], "rows": [[..], ..]}, "figures":
 * [{"file", "caption"}], "notes"}}. {@code name}, {@code claim} and {@code held} are required; the rest may
 * be absent (empty, null or NaN here).
 *
 * @param dir the experiment's directory, where its figures are
 */
record ExperimentSummary(Path dir, String name, String title, String version, String claim, boolean held,
                         Boolean quick, List<Object> seeds, double seconds, List<String> columns,
                         List<List<Object>> rows, List<FigureRef> figures, String notes) {
    static final String FILE = "summary.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A figure of the experiment: a PNG file beside summary.json, and its caption. */
    record FigureRef(String file, String caption) {
    }

    /** Reads {@code dir/summary.json}, naming the file, the line or the field at fault. */
    @SuppressWarnings("unchecked")
    static ExperimentSummary read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Object root;
        try {
            root = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Object.class);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new FileFormatException(file + ":" + line + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new FileFormatException(file + ": expected a JSON object, got " + kind(root));
        }
        Fields f = new Fields(file, (Map<String, Object>) root);
        String name = f.string("name", true);
        Map<String, Object> table = f.object("table");
        List<String> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        if (table != null) {
            Fields t = new Fields(file, table, "table.");
            for (Object c : t.list("columns")) {
                columns.add(String.valueOf(c));
            }
            List<Object> rawRows = t.list("rows");
            for (int i = 0; i < rawRows.size(); i++) {
                if (!(rawRows.get(i) instanceof List<?> r)) {
                    throw new FileFormatException(file + ": table.rows[" + i + "] must be a list, got " + kind(rawRows.get(i)));
                }
                if (r.size() != columns.size()) {
                    throw new FileFormatException(file + ": table.rows[" + i + "] has " + r.size() + " cells but "
                            + "table.columns has " + columns.size());
                }
                rows.add(new ArrayList<>(r));
            }
        }
        List<FigureRef> figures = new ArrayList<>();
        List<Object> rawFigures = f.list("figures");
        for (int i = 0; i < rawFigures.size(); i++) {
            if (!(rawFigures.get(i) instanceof Map<?, ?> m)) {
                throw new FileFormatException(file + ": figures[" + i + "] must be an object, got " + kind(rawFigures.get(i)));
            }
            Fields g = new Fields(file, (Map<String, Object>) m, "figures[" + i + "].");
            String png = g.string("file", true);
            if (!plainName(png)) {
                throw new FileFormatException(file + ": figures[" + i + "].file must name a file in " + dir
                        + ", got '" + png + "'");
            }
            figures.add(new FigureRef(png, g.string("caption", false)));
        }
        return new ExperimentSummary(dir, name, f.string("title", false), f.text("version"), f.string("claim", true),
                f.bool("held", true), f.bool("quick", false), f.list("seeds"), f.number("seconds"), columns, rows,
                figures, f.string("notes", false));
    }

    /** A name without path separators or {@code ..}: it stays inside its directory. */
    static boolean plainName(String s) {
        return !s.isEmpty() && !s.contains("/") && !s.contains("\\") && !s.equals(".") && !s.equals("..")
                && !s.contains("\0") && !s.contains(":");
    }

    static String kind(Object o) {
        return o == null ? "null" : o instanceof Map ? "an object" : o instanceof List ? "a list"
                : o instanceof String ? "a string" : o instanceof Boolean ? "a boolean" : "a number";
    }

    /** Typed access to a JSON object's fields; errors name the file and the dotted field. */
    private record Fields(Path file, Map<String, Object> m, String prefix) {
        Fields(Path file, Map<String, Object> m) {
            this(file, m, "");
        }

        String string(String key, boolean required) throws FileFormatException {
            Object o = present(key, required);
            if (o == null) {
                return "";
            }
            if (!(o instanceof String s)) {
                throw wrong(key, "a string", o);
            }
            return s;
        }

        /** Any scalar as text (a version may be 1 or "1.2"). */
        String text(String key) throws FileFormatException {
            Object o = present(key, false);
            if (o instanceof Map || o instanceof List) {
                throw wrong(key, "a string or a number", o);
            }
            return o == null ? "" : String.valueOf(o);
        }

        boolean bool(String key, boolean required) throws FileFormatException {
            Object o = present(key, required);
            if (o == null) {
                return false;
            }
            if (!(o instanceof Boolean b)) {
                throw wrong(key, "true or false", o);
            }
            return b;
        }

        double number(String key) throws FileFormatException {
            Object o = present(key, false);
            if (o == null) {
                return Double.NaN;
            }
            if (!(o instanceof Number n)) {
                throw wrong(key, "a number", o);
            }
            return n.doubleValue();
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String key) throws FileFormatException {
            Object o = present(key, false);
            if (o == null) {
                return List.of();
            }
            if (!(o instanceof List<?> l)) {
                throw wrong(key, "a list", o);
            }
            return (List<Object>) l;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(String key) throws FileFormatException {
            Object o = present(key, false);
            if (o != null && !(o instanceof Map)) {
                throw wrong(key, "an object", o);
            }
            return (Map<String, Object>) o;
        }

        private Object present(String key, boolean required) throws FileFormatException {
            Object o = m.get(key);
            if (o == null && required) {
                throw new FileFormatException(file + ": field '" + prefix + key + "' is missing");
            }
            return o;
        }

        private FileFormatException wrong(String key, String expected, Object got) {
            return new FileFormatException(file + ": field '" + prefix + key + "' must be " + expected + ", got "
                    + kind(got) + (got instanceof Map || got instanceof List ? "" : " (" + got + ")"));
        }
    }
}
