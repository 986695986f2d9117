package io.gradguard.cli.experiment;

/** Least-squares fits the analyses share. */
final class Fit {
    private Fit() {
    }

    /**
     * The factor per layer by which {@code norms} grow toward the input (index 0): a least-squares line
     * through {@code ln norms[l]} against {@code l} over {@code [from, to)} has slope {@code s}, and the factor
     * is {@code exp(-s)} (above 1: exploding toward the input; below 1: vanishing). NaN if a norm in the range
     * is not finite and positive, or the range has fewer than two layers.
     */
    static double growthTowardInput(double[] norms, int from, int to) {
        int n = to - from;
        if (n < 2 || from < 0 || to > norms.length) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int l = from; l < to; l++) {
            if (!(norms[l] > 0) || !Double.isFinite(norms[l])) {
                return Double.NaN;
            }
            mx += l;
            my += Math.log(norms[l]);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int l = from; l < to; l++) {
            sxy += (l - mx) * (Math.log(norms[l]) - my);
            sxx += (l - mx) * (l - mx);
        }
        return Math.exp(-sxy / sxx);
    }

    /**
     * The highest grid value before the first bad one ({@code x} ascending): the largest {@code x[i]} with
     * {@code bad[j]} false for every {@code j <= i}; NaN when {@code x[0]} is already bad.
     */
    static double lastGoodBeforeFirstBad(double[] x, boolean[] bad) {
        double good = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            if (bad[i]) {
                break;
            }
            good = x[i];
        }
        return good;
    }
}
