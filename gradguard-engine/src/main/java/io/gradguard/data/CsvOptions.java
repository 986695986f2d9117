package io.gradguard.data;

import java.util.Objects;

/**
 * How to read a CSV file into a {@link Dataset}.
 *
 * @param target    the target column: its header name, or its 0-based index written as a string
 *                  ({@code "-1"} is the last column); a header name wins over an index that looks the same
 * @param header    whether the first non-blank row names the columns
 * @param delimiter the field separator ({@code ','} by default)
 * @param task      {@link Task#CLASSIFICATION} maps the distinct target values, sorted (numerically when they
 *                  are all numbers), to class indices {@code 0..k-1}; {@link Task#REGRESSION} reads the
 *                  target as a number into {@code [n, 1]} targets
 */
public record CsvOptions(String target, boolean header, char delimiter, Task task) {
    /** What the target column holds. */
    public enum Task {
        CLASSIFICATION,
        REGRESSION
    }

    public CsvOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(task, "task");
        if (target.isBlank()) {
            throw new IllegalArgumentException("CsvOptions target must name a column, got '" + target + "'");
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("CsvOptions delimiter cannot be a quote or a line break, got "
                    + printable(delimiter));
        }
    }

    /** Classification on column {@code target}, with a header row and commas. */
    public static CsvOptions classification(String target) {
        return new CsvOptions(target, true, ',', Task.CLASSIFICATION);
    }

    /** Regression on column {@code target}, with a header row and commas. */
    public static CsvOptions regression(String target) {
        return new CsvOptions(target, true, ',', Task.REGRESSION);
    }

    public CsvOptions withHeader(boolean hasHeader) {
        return new CsvOptions(target, hasHeader, delimiter, task);
    }

    public CsvOptions withDelimiter(char newDelimiter) {
        return new CsvOptions(target, header, newDelimiter, task);
    }

    private static String printable(char c) {
        return c == '\n' ? "'\\n'" : c == '\r' ? "'\\r'" : "'" + c + "'";
    }
}
