package io.gradguard.data;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.function.DoubleBinaryOperator;
import java.util.function.IntFunction;

/**
 * Synthetic image data sets for convolutional networks, small enough to train in seconds: features
 * {@code [n, C, H, W]} (NCHW, {@code H = W = size}), class-index targets {@code [n]}, classes balanced (the
 * first {@code n % classes} classes get one more image), rows shuffled. Every random number comes from the
 * given {@link Rng}, so the same seed gives the same images.
 *
 * <p>Figures are drawn as anti-aliased strokes on a black background: a pixel whose centre lies at distance
 * {@code d} from the stroke's centre line gets {@code a * clamp(t/2 + 1/2 - d, 0, 1)}, where the stroke
 * width is {@code t = max(1.2, size / 12)} pixels and {@code a} is the figure's brightness, drawn per channel
 * from {@code U(0.6, 1)} for one channel and {@code U(0.2, 1)} for several (a random colour, so colour
 * carries no class information). Then {@code N(0, noise^2)} is added to every value, without clipping.
 * Kept apart from {@link Generator} (whose variants are tabular), with the same shape of API.
 */
public sealed interface Images {
    /** The spec name: {@code bars} or {@code shapes}. */
    String name();

    /** The number of images generated. */
    int samples();

    /** The number of classes. */
    int classes();

    Dataset generate(Rng rng);

    /**
     * Oriented bars: class {@code j} of {@code k} is a straight bar at {@code 180 j / k} degrees
     * counter-clockwise from horizontal (for {@code k = 4}: horizontal, rising diagonal, vertical, falling
     * diagonal), of length {@code U(0.45, 0.75) * size}, at a uniformly random position that keeps it
     * inside the image.
     */
    record Bars(int samples, int size, int channels, int classes, double noise) implements Images {
        public Bars {
            checkImage("Bars", samples, size, channels, noise);
            if (classes < 2 || classes > 8) {
                throw new IllegalArgumentException("Bars classes must be in 2..8, got " + classes);
            }
            Check.atLeast("Bars", "samples", samples, classes);
        }

        public String name() {
            return "bars";
        }

        public Dataset generate(Rng rng) {
            return draw(this, size, channels, noise, rng, label -> {
                double theta = Math.PI * label / classes;
                double half = rng.uniform(0.45, 0.75) * size / 2;
                double dx = half * Math.cos(theta);
                double dy = -half * Math.sin(theta); // image rows grow downwards
                double cx = rng.uniform(Math.abs(dx) + 0.5, size - 0.5 - Math.abs(dx));
                double cy = rng.uniform(Math.abs(dy) + 0.5, size - 0.5 - Math.abs(dy));
                return (x, y) -> segment(x, y, cx - dx, cy - dy, cx + dx, cy + dy);
            });
        }
    }

    /**
     * Outlined figures, four classes: 0 a square, 1 a circle, 2 a cross (plus sign), 3 a triangle pointing
     * up. Each has radius {@code R = U(0.22, 0.38) * size} (half the square's side, the circle's radius, the
     * cross's arm, the triangle's circumradius) and a uniformly random centre at least {@code R + 1} from
     * the border.
     */
    record Shapes(int samples, int size, int channels, double noise) implements Images {
        public Shapes {
            checkImage("Shapes", samples, size, channels, noise);
            Check.atLeast("Shapes", "samples", samples, 4);
        }

        public String name() {
            return "shapes";
        }

        public int classes() {
            return 4;
        }

        public Dataset generate(Rng rng) {
            return draw(this, size, channels, noise, rng, label -> {
                double r = rng.uniform(0.22, 0.38) * size;
                double hi = Math.max(r + 1, size - r - 1); // at size 8 the range is empty: stay near the middle
                double cx = rng.uniform(r + 1, hi);
                double cy = rng.uniform(r + 1, hi);
                return (x, y) -> {
                    double dx = x - cx;
                    double dy = y - cy;
                    switch (label) {
                        case 0:
                            return Math.abs(Math.max(Math.abs(dx), Math.abs(dy)) - r);
                        case 1:
                            return Math.abs(Math.hypot(dx, dy) - r);
                        case 2:
                            return Math.min(segment(dx, dy, -r, 0, r, 0), segment(dx, dy, 0, -r, 0, r));
                        default:
                            double s = r * Math.sqrt(3) / 2; // apex (0, -r), base corners (+-s, r/2)
                            return Math.min(segment(dx, dy, 0, -r, s, r / 2),
                                    Math.min(segment(dx, dy, s, r / 2, -s, r / 2), segment(dx, dy, -s, r / 2, 0, -r)));
                    }
                };
            });
        }
    }

    private static void checkImage(String type, int samples, int size, int channels, double noise) {
        Check.atLeast(type, "samples", samples, 1);
        if (size < 8 || size > 64) {
            throw new IllegalArgumentException(type + " size must be in 8..64, got " + size);
        }
        if (channels < 1 || channels > 4) {
            throw new IllegalArgumentException(type + " channels must be in 1..4, got " + channels);
        }
        Check.nonNegative(type, "noise", noise);
    }

    /** The distance from {@code (px, py)} to the segment from {@code (ax, ay)} to {@code (bx, by)}. */
    private static double segment(double px, double py, double ax, double ay, double bx, double by) {
        double vx = bx - ax;
        double vy = by - ay;
        double len2 = vx * vx + vy * vy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / len2));
        return Math.hypot(px - ax - t * vx, py - ay - t * vy);
    }

    /**
     * Adds a stroke along {@code figure} (the distance from a pixel centre {@code (column + 0.5, row + 0.5)}
     * to the figure's centre line) to the image at {@code offset}, scaled per channel by {@code colour}.
     */
    private static void stroke(float[] data, int offset, int size, double[] colour, DoubleBinaryOperator figure) {
        double halfWidth = Math.max(1.2, size / 12.0) / 2;
        int plane = size * size;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double cover = Math.max(0, Math.min(1, halfWidth + 0.5 - figure.applyAsDouble(c + 0.5, r + 0.5)));
                for (int ch = 0; ch < colour.length; ch++) {
                    data[offset + ch * plane + r * size + c] += (float) (colour[ch] * cover);
                }
            }
        }
    }

    /**
     * Balanced classes in order; per image a colour, then the figure ({@code figure} draws its random
     * parameters and returns its distance function), then the noise; finally a shuffle of the rows.
     */
    private static Dataset draw(Images spec, int size, int channels, double noise, Rng rng,
                                IntFunction<DoubleBinaryOperator> figure) {
        int n = spec.samples();
        int k = spec.classes();
        int per = channels * size * size;
        float[] x = new float[n * per];
        float[] y = new float[n];
        double[] colour = new double[channels];
        int row = 0;
        for (int label = 0; label < k; label++) {
            for (int i = SampleBuilder.share(n, k, label); i > 0; i--, row++) {
                for (int ch = 0; ch < channels; ch++) {
                    colour[ch] = channels == 1 ? rng.uniform(0.6, 1) : rng.uniform(0.2, 1);
                }
                stroke(x, row * per, size, colour, figure.apply(label));
                for (int p = row * per; p < (row + 1) * per; p++) {
                    x[p] += (float) (noise * rng.nextGaussian());
                }
                y[row] = label;
            }
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        rng.shuffle(perm);
        float[] xs = new float[x.length];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, perm[i] * per, xs, i * per, per);
            ys[i] = y[perm[i]];
        }
        return new Dataset(spec.name(), Tensor.of(xs, n, channels, size, size), Tensor.of(ys, n), k);
    }
}
