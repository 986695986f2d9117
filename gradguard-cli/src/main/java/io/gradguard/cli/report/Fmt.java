package io.gradguard.cli.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Numbers and JSON values as the report shows them, and the JSON-value conversions the report needs. */
final class Fmt {
    private Fmt() {
    }

    /**
     * Integers as they are; other numbers to four significant digits, scientific outside
     * {@code [1e-3, 1e5)}; {@code NaN}, {@code inf}, {@code -inf} for non-finite values.
     */
    static String num(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.toString();
        }
        double v = n.doubleValue();
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    static String num(double v) {
        return num((Number) v);
    }

    /** {@code 97.3%} for a fraction; {@code -} for NaN. */
    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /**
     * A JSON value as a double: numbers as they are, the strings {@code "inf"}/{@code "-inf"} (inspection.json)
     * as infinities, anything else (null, missing, words) as NaN.
     */
    static double dbl(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if ("inf".equals(o) || "Infinity".equals(o)) {
            return Double.POSITIVE_INFINITY;
        }
        if ("-inf".equals(o) || "-Infinity".equals(o)) {
            return Double.NEGATIVE_INFINITY;
        }
        return Double.NaN;
    }

    /** A JSON value in one short line: numbers formatted, lists cut after {@code maxItems} with their length. */
    static String compact(Object o, int maxItems) {
        if (o == null) {
            return "null";
        }
        if (o instanceof Number n) {
            return num(n);
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Math.min(l.size(), maxItems); i++) {
                sb.append(i == 0 ? "" : ", ").append(compact(l.get(i), maxItems));
            }
            if (l.size() > maxItems) {
                sb.append(", ... (").append(l.size()).append(" in all)");
            }
            return sb.append(']').toString();
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(": ").append(compact(e.getValue(), maxItems));
            }
            return sb.append('}').toString();
        }
        return String.valueOf(o);
    }
}
