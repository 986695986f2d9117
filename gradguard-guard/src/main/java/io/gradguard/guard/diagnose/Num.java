package io.gradguard.guard.diagnose;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers in explanations: 3 significant digits, plain between 1e-3 and 1e5, else {@code 4.2e14}. */
final class Num {
    private Num() {
    }

    static String of(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.2e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + "e" + Integer.parseInt(s.substring(e + 1));
    }

    /** Two decimals, for gains near 1 ({@code 1.00}, {@code 0.25}). */
    static String gain(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
