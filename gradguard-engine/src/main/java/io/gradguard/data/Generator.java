package io.gradguard.data;

import io.gradguard.tensor.Rng;

/**
 * Synthetic data sets, each a record whose compact constructor validates its values. {@link #generate}
 * draws every random number from the given generator, so the same seed gives the same data; rows come out
 * shuffled (as scikit-learn's {@code shuffle=True}). Classification sets have {@code [n]} class-index
 * targets ({@link Dataset#binaryTargets()} turns the two-class ones into {@code [n, 1]} for
 * {@code bce_with_logits}).
 */
public sealed interface Generator {
    /** The spec name: {@code spirals}, {@code circles}, {@code blobs}, {@code xor}, {@code parity}, {@code sine}. */
    String name();

    /** The number of rows generated. */
    int samples();

    Dataset generate(Rng rng);

    /**
     * Interleaved spiral arms in 2-D, the classic cs231n "spiral" data set: for class {@code j} and its
     * {@code m} points {@code i = 0..m-1}, radius {@code r = i / (m - 1)} and angle
     * {@code t = 4 (j + r) + noise * N(0, 1)}; the point is {@code (r sin t, r cos t)}. So each arm winds out
     * from the origin as its angle grows, and {@code noise} is the standard deviation of the angle in
     * radians (cs231n uses 0.2). Samples are split as evenly as possible among the classes.
     */
    record Spirals(int samples, int classes, double noise) implements Generator {
        public Spirals {
            Check.atLeast("Spirals", "classes", classes, 2);
            Check.atLeast("Spirals", "samples", samples, classes);
            Check.nonNegative("Spirals", "noise", noise);
        }

        public String name() {
            return "spirals";
        }

        public Dataset generate(Rng rng) {
            SampleBuilder b = new SampleBuilder(samples, 2);
            for (int j = 0; j < classes; j++) {
                int m = SampleBuilder.share(samples, classes, j);
                for (int i = 0; i < m; i++) {
                    double r = m == 1 ? 0.0 : (double) i / (m - 1);
                    double t = 4.0 * (j + r) + noise * rng.nextGaussian();
                    b.add(j, r * Math.sin(t), r * Math.cos(t));
                }
            }
            return b.build(name(), classes, rng);
        }
    }

    /**
     * Two concentric circles, as scikit-learn's {@code make_circles}: {@code floor(n/2)} points evenly
     * spaced on the unit circle (class 0) and the rest on a circle of radius {@code factor} (class 1), then
     * Gaussian noise of standard deviation {@code noise} added to each coordinate.
     */
    record Circles(int samples, double factor, double noise) implements Generator {
        public Circles {
            Check.atLeast("Circles", "samples", samples, 2);
            if (!(factor >= 0 && factor < 1)) {
                throw new IllegalArgumentException("Circles factor must be in [0, 1), got " + factor);
            }
            Check.nonNegative("Circles", "noise", noise);
        }

        public String name() {
            return "circles";
        }

        public Dataset generate(Rng rng) {
            SampleBuilder b = new SampleBuilder(samples, 2);
            int out = samples / 2;
            int in = samples - out;
            for (int i = 0; i < out; i++) {
                double a = 2 * Math.PI * i / out;
                b.add(0, Math.cos(a) + noise * rng.nextGaussian(), Math.sin(a) + noise * rng.nextGaussian());
            }
            for (int i = 0; i < in; i++) {
                double a = 2 * Math.PI * i / in;
                b.add(1, factor * Math.cos(a) + noise * rng.nextGaussian(),
                        factor * Math.sin(a) + noise * rng.nextGaussian());
            }
            return b.build(name(), 2, rng);
        }
    }

    /**
     * Isotropic Gaussian blobs, as scikit-learn's {@code make_blobs}: {@code centers} centres drawn uniformly
     * from {@code [-10, 10]^features}, then each class's points drawn from {@code N(centre, clusterStd^2 I)};
     * the samples are split as evenly as possible (the first {@code n % centers} classes get one more).
     */
    record Blobs(int samples, int centers, int features, double clusterStd) implements Generator {
        public Blobs {
            Check.atLeast("Blobs", "centers", centers, 1);
            Check.atLeast("Blobs", "samples", samples, centers);
            Check.atLeast("Blobs", "features", features, 1);
            Check.nonNegative("Blobs", "clusterStd", clusterStd);
        }

        public String name() {
            return "blobs";
        }

        public Dataset generate(Rng rng) {
            double[][] c = new double[centers][features];
            for (double[] row : c) {
                for (int f = 0; f < features; f++) {
                    row[f] = rng.uniform(-10, 10);
                }
            }
            SampleBuilder b = new SampleBuilder(samples, features);
            double[] p = new double[features];
            for (int j = 0; j < centers; j++) {
                int m = SampleBuilder.share(samples, centers, j);
                for (int i = 0; i < m; i++) {
                    for (int f = 0; f < features; f++) {
                        p[f] = c[j][f] + clusterStd * rng.nextGaussian();
                    }
                    b.add(j, p);
                }
            }
            return b.build(name(), centers, rng);
        }
    }

    /**
     * The XOR problem in 2-D: points uniform in {@code [-1, 1]^2}, class 1 when {@code x * y < 0} (opposite
     * signs) and class 0 otherwise; Gaussian noise of standard deviation {@code noise} is then added to each
     * coordinate, so a large noise blurs the quadrant boundaries.
     */
    record Xor(int samples, double noise) implements Generator {
        public Xor {
            Check.atLeast("Xor", "samples", samples, 1);
            Check.nonNegative("Xor", "noise", noise);
        }

        public String name() {
            return "xor";
        }

        public Dataset generate(Rng rng) {
            SampleBuilder b = new SampleBuilder(samples, 2);
            for (int i = 0; i < samples; i++) {
                double x = rng.uniform(-1, 1);
                double y = rng.uniform(-1, 1);
                b.add(x * y < 0 ? 1 : 0, x + noise * rng.nextGaussian(), y + noise * rng.nextGaussian());
            }
            return b.build(name(), 2, rng);
        }
    }

    /**
     * The n-bit parity problem (Minsky and Papert; a hard case for gradient descent): inputs uniform on
     * {@code {-1, +1}^bits}, class 1 when the number of {@code +1} inputs is odd, else 0.
     */
    record Parity(int samples, int bits) implements Generator {
        public Parity {
            Check.atLeast("Parity", "samples", samples, 1);
            Check.atLeast("Parity", "bits", bits, 1);
        }

        public String name() {
            return "parity";
        }

        public Dataset generate(Rng rng) {
            SampleBuilder b = new SampleBuilder(samples, bits);
            double[] p = new double[bits];
            for (int i = 0; i < samples; i++) {
                int ones = 0;
                for (int k = 0; k < bits; k++) {
                    boolean on = rng.nextInt(2) == 1;
                    ones += on ? 1 : 0;
                    p[k] = on ? 1 : -1;
                }
                b.add(ones % 2, p);
            }
            return b.build(name(), 2, rng);
        }
    }

    /**
     * Regression of a sine wave: {@code x} uniform in {@code [-pi periods, pi periods]}, target
     * {@code y = sin(x) + noise * N(0, 1)}; features and targets are {@code [n, 1]}.
     */
    record Sine(int samples, double noise, double periods) implements Generator {
        public Sine {
            Check.atLeast("Sine", "samples", samples, 1);
            Check.nonNegative("Sine", "noise", noise);
            if (!(periods > 0) || !Double.isFinite(periods)) {
                throw new IllegalArgumentException("Sine periods must be finite and > 0, got " + periods);
            }
        }

        public String name() {
            return "sine";
        }

        public Dataset generate(Rng rng) {
            SampleBuilder b = new SampleBuilder(samples, 1);
            double half = Math.PI * periods;
            for (int i = 0; i < samples; i++) {
                double x = rng.uniform(-half, half);
                b.addRegression(Math.sin(x) + noise * rng.nextGaussian(), x);
            }
            return b.build(name(), 0, rng);
        }
    }
}
