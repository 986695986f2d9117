package io.gradguard.cli.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each key of a parsed spec was written: its line in the source, or the {@code --set} override it came
 * from. Lookups fall back to the nearest enclosing key, so a defaulted {@code model.layers[2].dense.init}
 * reports the line of {@code model.layers[2].dense}.
 *
 * @param source    the file or source name, or {@code null}
 * @param lines     1-based line per key path ({@code optimizer.lr -> 12})
 * @param overrides {@code --set} text per key path set by one ({@code training.epochs -> training.epochs=3})
 */
public record SpecLines(String source, Map<String, Integer> lines, Map<String, String> overrides) {
    /** For specs built in code. */
    public static final SpecLines NONE = new SpecLines(null, Map.of(), Map.of());

    public SpecLines {
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** The line of {@code path} or of its nearest enclosing key; 0 if unknown or set by {@code --set}. */
    public int lineOf(String path) {
        for (String p = path; p != null; p = parent(p)) {
            if (overrides.containsKey(p)) {
                return 0;
            }
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return 0;
    }

    /** The {@code --set} text that set {@code path} or its nearest enclosing key, if one did. */
    public Optional<String> overrideOf(String path) {
        for (String p = path; p != null; p = parent(p)) {
            if (overrides.containsKey(p)) {
                return Optional.of(overrides.get(p));
            }
            if (lines.containsKey(p)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** An error at {@code path}, located like a parse error ({@code spec.yaml:12: optimizer.lr: ...}). */
    public SpecException errorAt(String path, String problem) {
        return new SpecException(source, path, lineOf(path), 0, overrideOf(path).orElse(null), problem, null);
    }

    /** {@code a.b[2].c -> a.b[2] -> a.b -> a -> ""}, then null. */
    static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    @Override
    public String toString() {
        return "SpecLines[" + (source == null ? "" : source + ", ") + lines.size() + " lines, " + overrides.size()
                + " overrides]";
    }
}
