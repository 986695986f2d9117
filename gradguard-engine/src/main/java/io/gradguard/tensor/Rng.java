package io.gradguard.tensor;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The one source of randomness: a seeded generator whose streams are forked by name, so one seed in the
 * run spec drives initialisation, shuffling, dropout and data generation independently of each other
 * ({@code rng.fork("init")}, {@code rng.fork("shuffle")}).
 *
 * <p>Built on {@link SplittableRandom} (its algorithm is specified, so results match across JDKs) with a
 * Box-Muller normal sampler of our own rather than the JDK's, whose algorithm changed in JDK 17.
 */
public final class Rng {
    private final long seed;
    private final SplittableRandom random;
    private double spareGaussian;
    private boolean hasSpare;

    public Rng(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** An independent generator for a named stream; the same seed and name always give the same stream. */
    public Rng fork(String stream) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        return new Rng(mix(h));
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [a, b). */
    public double uniform(double a, double b) {
        return a + (b - a) * random.nextDouble();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public long nextLong() {
        return random.nextLong();
    }

    /** Standard normal by the Box-Muller transform. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1;
        do {
            u1 = random.nextDouble();
        } while (u1 <= Double.MIN_NORMAL);
        double u2 = random.nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        spareGaussian = r * Math.sin(2.0 * Math.PI * u2);
        hasSpare = true;
        return r * Math.cos(2.0 * Math.PI * u2);
    }

    public double normal(double mean, double std) {
        return mean + std * nextGaussian();
    }

    /** Fisher-Yates shuffle of {@code idx} in place. */
    public void shuffle(int[] idx) {
        for (int i = idx.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
