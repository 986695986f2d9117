package io.gradguard.data;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.List;

/**
 * Synthetic sequence tasks with long time lags, the classic tests of whether gradients survive through
 * time. Features are batch-first sequences {@code [n, T, channels]}; each record validates its values and
 * {@link #generate} draws every random number from the given generator (same seed, same data).
 */
public sealed interface Sequences {
    /** The spec name: {@code adding} or {@code temporal_order}. */
    String name();

    /** The number of sequences generated. */
    int samples();

    /** The sequence length {@code T}. */
    int length();

    Dataset generate(Rng rng);

    /**
     * The adding problem (Hochreiter and Schmidhuber 1997, experiment 4; Pascanu et al. 2013), in the form
     * of Le, Jaitly and Hinton 2015 and Arjovsky, Shah and Bengio 2016: channel 0 holds {@code T} values
     * uniform in {@code [0, 1)}; channel 1 is a marker that is 1 at exactly two positions, one uniform in
     * the first half {@code [0, floor(T/2))} and one uniform in the second half {@code [floor(T/2), T)},
     * and 0 elsewhere. The target {@code [n, 1]} is the sum of the two marked values. (Hochreiter and
     * Schmidhuber's original draws values in {@code [-1, 1]}, puts the first marker among the first ten steps
     * and scales the target to {@code 0.5 + (X_1 + X_2) / 4}; the two-halves form above is the one most
     * later papers use.)
     *
     * <p>Predicting the constant 1 (the mean target) gives an expected MSE of
     * {@code Var(X_1 + X_2) = 2 / 12 = 1/6 ~ 0.167}; a model beats that only by carrying the marked values
     * across at least {@code T/2} steps on average.
     */
    record Adding(int samples, int length) implements Sequences {
        /** The expected MSE of always predicting 1, the mean of the target. */
        public static final double BASELINE_MSE = 1.0 / 6.0;

        public Adding {
            Check.atLeast("Adding", "samples", samples, 1);
            Check.atLeast("Adding", "length", length, 2);
        }

        public String name() {
            return "adding";
        }

        public Dataset generate(Rng rng) {
            int t = length;
            int half = t / 2;
            float[] x = new float[samples * t * 2];
            float[] y = new float[samples];
            for (int s = 0; s < samples; s++) {
                int base = s * t * 2;
                for (int k = 0; k < t; k++) {
                    x[base + 2 * k] = (float) rng.nextDouble();
                }
                int first = rng.nextInt(half);
                int second = half + rng.nextInt(t - half);
                x[base + 2 * first + 1] = 1f;
                x[base + 2 * second + 1] = 1f;
                y[s] = x[base + 2 * first] + x[base + 2 * second];
            }
            return new Dataset(name(), Tensor.of(x, samples, t, 2), Tensor.of(y, samples, 1), 0);
        }
    }

    /**
     * The temporal-order problem (Hochreiter and Schmidhuber 1997, experiment 6a), with one-hot inputs
     * {@code [n, T, 8]} over the symbols {@link #SYMBOLS} {@code a, b, c, d, B, E, X, Y}. Each sequence starts
     * with {@code E} and ends with {@code B}; two relevant symbols, each {@code X} or {@code Y}, sit at
     * {@code t1} uniform in {@code [floor(T/10), floor(2T/10))} and {@code t2} uniform in
     * {@code [floor(T/2), floor(6T/10))} (for {@code T = 100}: {@code [10, 20)} and {@code [50, 60)}, as in
     * the paper); every other step is a distractor drawn uniformly from {@code a, b, c, d}. The class
     * {@code [n]} is the order of the relevant pair: 0 = XX, 1 = XY, 2 = YX, 3 = YY (the paper's Q, R, S,
     * U). Classes are exactly balanced (counts differ by at most one) and shuffled.
     */
    record TemporalOrder(int samples, int length) implements Sequences {
        /** Channel names of the one-hot input, in channel order. */
        public static final List<String> SYMBOLS = List.of("a", "b", "c", "d", "B", "E", "X", "Y");
        /** Class names, in class-index order. */
        public static final List<String> CLASSES = List.of("XX", "XY", "YX", "YY");
        private static final int B = 4;
        private static final int E = 5;
        private static final int X = 6;

        public TemporalOrder {
            Check.atLeast("TemporalOrder", "samples", samples, 1);
            Check.atLeast("TemporalOrder", "length", length, 10);
        }

        public String name() {
            return "temporal_order";
        }

        public Dataset generate(Rng rng) {
            int t = length;
            int c = SYMBOLS.size();
            int[] labels = new int[samples];
            for (int s = 0; s < samples; s++) {
                labels[s] = s % CLASSES.size();
            }
            rng.shuffle(labels);
            float[] x = new float[samples * t * c];
            float[] y = new float[samples];
            int[] seq = new int[t];
            for (int s = 0; s < samples; s++) {
                for (int k = 1; k < t - 1; k++) {
                    seq[k] = rng.nextInt(4);
                }
                seq[0] = E;
                seq[t - 1] = B;
                int t1 = t / 10 + rng.nextInt(2 * t / 10 - t / 10);
                int t2 = t / 2 + rng.nextInt(6 * t / 10 - t / 2);
                seq[t1] = X + labels[s] / 2;
                seq[t2] = X + labels[s] % 2;
                for (int k = 0; k < t; k++) {
                    x[(s * t + k) * c + seq[k]] = 1f;
                }
                y[s] = labels[s];
            }
            return new Dataset(name(), Tensor.of(x, samples, t, c), Tensor.of(y, samples), CLASSES.size(), CLASSES);
        }
    }
}
