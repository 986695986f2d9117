package io.gradguard.bench.peers;

import java.util.Arrays;

/**
 * One peer's times on one workload: per round, the wall time of each measured call divided by its steps
 * (ms per step; a call is {@code stepsPerCall} steps), the model's trainable values, plus the loss of the first and the last call as a check that the step trains (NaN when the
 * workload has no loss). A peer that could not run the workload has {@code skipped} set and no times.
 */
public record Measurement(String peer, Workload workload, double[][] rounds, int stepsPerCall, long parameters,
        double firstLoss, double lastLoss, String skipped) {
    static Measurement skipped(String peer, Workload workload, String reason) {
        return new Measurement(peer, workload, new double[0][], 1, 0, Double.NaN, Double.NaN, reason);
    }

    public boolean ran() {
        return skipped == null;
    }

    /** Every measured ms/step value, all rounds together. */
    public double[] all() {
        return Arrays.stream(rounds).flatMapToDouble(Arrays::stream).toArray();
    }

    public double median() {
        return median(all());
    }

    public double min() {
        return Arrays.stream(all()).min().orElse(Double.NaN);
    }

    /** Steps measured: calls times steps per call. */
    public int steps() {
        return all().length * stepsPerCall;
    }

    /** The median ms/step of round {@code r}. */
    public double roundMedian(int r) {
        return median(rounds[r]);
    }

    /** The median of {@code v} (the mean of the middle two for an even length), NaN when empty. */
    public static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /**
     * Per round, this peer's median over {@code base}'s median in the same round: load from other processes
     * during a round slows both alike, so these ratios are steadier than ratios of whole-run figures.
     */
    public double[] pairedRatios(Measurement base) {
        int n = Math.min(rounds.length, base.rounds.length);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = roundMedian(i) / base.roundMedian(i);
        }
        return r;
    }
}
