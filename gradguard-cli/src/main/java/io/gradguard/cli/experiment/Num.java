package io.gradguard.cli.experiment;

import java.util.Locale;

/** Numbers in tables and progress lines: 3 significant digits without trailing zeros, scientific below 1e-3 and from 1e5. */
public final class Num {
    private Num() {
    }

    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e5) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** A fraction as a percentage with one decimal: {@code 0.125 -> 12.5%}. */
    public static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : fmt(v);
    }
}
