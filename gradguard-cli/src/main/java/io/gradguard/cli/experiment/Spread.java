package io.gradguard.cli.experiment;

/**
 * A measurement over seeds: the mean, smallest and largest of its finite values, and how many were not
 * finite (a diverged run's NaN loss). Written {@code mean (min..max)}, a single or constant value alone, with
 * {@code ; NaN/Inf on k of n} appended when some values are not finite.
 */
public record Spread(double mean, double min, double max, int n, int nonFinite) {
    public static Spread of(double[] v) {
        if (v.length == 0) {
            throw new IllegalArgumentException("a spread needs at least one value, got none");
        }
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int bad = 0;
        for (double x : v) {
            if (!Double.isFinite(x)) {
                bad++;
                continue;
            }
            sum += x;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        int ok = v.length - bad;
        return ok == 0 ? new Spread(Double.NaN, Double.NaN, Double.NaN, v.length, bad)
                : new Spread(sum / ok, lo, hi, v.length, bad);
    }

    /** The geometric mean of the finite values (for ratios and norms spanning decades); NaN if one is <= 0. */
    public static Spread geometric(double[] v) {
        Spread s = of(v);
        double logSum = 0;
        int ok = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                logSum += x > 0 ? Math.log(x) : Double.NaN;
                ok++;
            }
        }
        return new Spread(ok == 0 ? Double.NaN : Math.exp(logSum / ok), s.min, s.max, s.n, s.nonFinite);
    }

    public boolean allFinite() {
        return nonFinite == 0;
    }

    @Override
    public String toString() {
        if (nonFinite == n) {
            return "NaN/Inf" + (n == 1 ? "" : " on all " + n);
        }
        String s = min == max ? Num.fmt(mean) : Num.fmt(mean) + " (" + Num.fmt(min) + ".." + Num.fmt(max) + ")";
        return nonFinite == 0 ? s : s + "; NaN/Inf on " + nonFinite + " of " + n;
    }
}
