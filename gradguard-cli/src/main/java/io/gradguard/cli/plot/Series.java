package io.gradguard.cli.plot;

import java.util.Arrays;

/**
 * One named line of a {@link LinePlot}: x and y of equal length. Non-finite y values (a diverged run's NaN
 * loss) are kept here and dropped when drawn, as are y &lt;= 0 on a log axis.
 */
public record Series(String name, double[] x, double[] y) {
    public Series {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("series name must not be blank");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but "
                    + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    /** y against 0, 1, 2, ... */
    public static Series of(String name, double[] y) {
        double[] x = new double[y.length];
        Arrays.setAll(x, i -> i);
        return new Series(name, x, y);
    }

    /** The points that can be drawn: finite, and positive when {@code logY}. */
    double[][] drawable(boolean logX, boolean logY) {
        int n = 0;
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logY || y[i] > 0) && (!logX || x[i] > 0)) {
                xs[n] = x[i];
                ys[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }
}
