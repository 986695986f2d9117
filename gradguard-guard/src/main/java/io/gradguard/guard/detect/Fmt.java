package io.gradguard.guard.detect;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers for incident messages: 3 significant digits, plain between 1e-3 and 1e5, else {@code 3.2e4}. */
public final class Fmt {
    private Fmt() {
    }

    public static String num(double v) {
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
        String s = String.format(Locale.ROOT, "%.2e", v); // 3.20e+04
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }
}
