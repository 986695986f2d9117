package io.gradguard.cli.spec;

import java.util.Optional;

/**
 * A run spec that cannot be used, located by its key path and line.
 *
 * <p>The message reads like a compiler's: {@code spec.yaml:12: optimizer.lr: must be > 0, got -0.1} when the
 * spec came from a named source, {@code optimizer.lr: must be > 0, got -0.1 (line 12)} otherwise, and
 * {@code training.epochs: expected an integer, got 'abc' (from --set training.epochs=abc)} when the bad
 * value came from a {@code --set} override. A hint (known keys, a suggestion) follows after {@code "; "}.
 */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String path;
    private final int line;
    private final int column;
    private final String override;
    private final String problem;

    /**
     * @param source   the file or source name, or {@code null}
     * @param path     the key path ({@code model.layers[2].dense.units}), {@code ""} for the whole spec
     * @param line     1-based line, or 0 when unknown (ignored when {@code override} is given)
     * @param column   1-based column, or 0 when unknown (ignored when {@code override} is given)
     * @param override the {@code --set} text the value came from ({@code optimizer.lr=0.5}), or {@code null}
     * @param problem  what is wrong ({@code must be > 0, got -0.1})
     * @param hint     what would be right ({@code known keys: ...}), or {@code null}
     */
    SpecException(String source, String path, int line, int column, String override, String problem, String hint) {
        super(format(source, path, line, column, override, problem, hint));
        this.source = source;
        this.path = path;
        this.line = override == null ? line : 0;
        this.column = override == null ? column : 0;
        this.override = override;
        this.problem = problem;
    }

    /** An error at a key path and line (0 when unknown), for code that checks a parsed spec further. */
    public SpecException(String source, String path, int line, String problem) {
        this(source, path, line, 0, null, problem, null);
    }

    private static String format(String source, String path, int line, int column, String override,
            String problem, String hint) {
        String where = path.isEmpty() ? "" : path + ": ";
        StringBuilder sb = new StringBuilder();
        if (override != null) {
            sb.append(where).append(problem).append(" (from --set ").append(override).append(')');
        } else if (line > 0 && source != null) {
            sb.append(source).append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
            sb.append(": ").append(where).append(problem);
        } else if (line > 0) {
            sb.append(where).append(problem).append(" (line ").append(line);
            if (column > 0) {
                sb.append(", column ").append(column);
            }
            sb.append(')');
        } else {
            sb.append(source == null ? "" : source + ": ").append(where).append(problem);
        }
        if (hint != null) {
            sb.append("; ").append(hint);
        }
        return sb.toString();
    }

    /** The key path of the offending value, {@code ""} for the spec as a whole. */
    public String path() {
        return path;
    }

    /** The 1-based line, or 0 when unknown (a value set by {@code --set}, or a spec built in code). */
    public int line() {
        return line;
    }

    /** The 1-based column of a YAML syntax error, else 0. */
    public int column() {
        return column;
    }

    /** The file or source name the spec was parsed from, if it had one. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The {@code --set key=value} text the offending value came from, if it came from one. */
    public Optional<String> override() {
        return Optional.ofNullable(override);
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
