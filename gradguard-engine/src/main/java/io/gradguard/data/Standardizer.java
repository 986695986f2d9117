package io.gradguard.data;

import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;

/**
 * Per-feature standardisation {@code x' = (x - mean) / std}, as scikit-learn's {@code StandardScaler}: the
 * mean and the population standard deviation {@code sqrt(sum((x - mean)^2) / n)} of each feature column are
 * fitted on the training data (accumulated in double) and applied unchanged to every other split. A
 * constant column gets std 1, so it maps to 0 instead of dividing by zero.
 *
 * <p>For features of shape {@code [n, d1, d2, ...]} each of the {@code d1*d2*...} positions is its own
 * column. {@link #mean()} and {@link #std()} are saved with a run and restored with {@link #of}.
 */
public final class Standardizer {
    private final float[] mean;
    private final float[] std;

    private Standardizer(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /** Fits the per-column mean and population std of {@code ds}'s features. */
    public static Standardizer fit(Dataset ds) {
        int n = ds.size();
        if (n == 0) {
            throw new IllegalArgumentException("Standardizer: cannot fit on dataset '" + ds.name()
                    + "' because it has no rows");
        }
        int d = ds.featureCount();
        float[] x = ds.features().data();
        double[] sum = new double[d];
        float[] min = new float[d];
        float[] max = new float[d];
        System.arraycopy(x, 0, min, 0, d);
        System.arraycopy(x, 0, max, 0, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                float v = x[i * d + j];
                sum[j] += v;
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        double[] mu = new double[d];
        double[] sq = new double[d];
        for (int j = 0; j < d; j++) {
            mu[j] = sum[j] / n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - mu[j];
                sq[j] += c * c;
            }
        }
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int j = 0; j < d; j++) {
            // min == max: exactly constant; the double mean of identical floats may be off by an ulp.
            boolean constant = min[j] == max[j];
            mean[j] = constant ? min[j] : (float) mu[j];
            float s = (float) Math.sqrt(sq[j] / n);
            std[j] = constant || s == 0f ? 1f : s;
        }
        return new Standardizer(mean, std);
    }

    /** Restores a fitted standardiser (from a saved run); every std must be finite and > 0. */
    public static Standardizer of(float[] mean, float[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("Standardizer: " + mean.length + " means but " + std.length
                    + " stds");
        }
        for (int j = 0; j < std.length; j++) {
            if (!Float.isFinite(mean[j])) {
                throw new IllegalArgumentException("Standardizer: mean of column " + j + " must be finite, got "
                        + mean[j]);
            }
            if (!(std[j] > 0) || !Float.isFinite(std[j])) {
                throw new IllegalArgumentException("Standardizer: std of column " + j
                        + " must be finite and > 0, got " + std[j]);
            }
        }
        return new Standardizer(mean.clone(), std.clone());
    }

    /** A copy of the per-column means. */
    public float[] mean() {
        return mean.clone();
    }

    /** A copy of the per-column population standard deviations (constant columns hold 1). */
    public float[] std() {
        return std.clone();
    }

    /** The same data with standardised features; targets are shared. */
    public Dataset apply(Dataset ds) {
        return new Dataset(ds.name(), apply(ds.features()), ds.targets(), ds.numClasses(), ds.classNames());
    }

    /** Standardised copy of features {@code [m, ...]} whose rows have as many elements as were fitted. */
    public Tensor apply(Tensor features) {
        int d = mean.length;
        if (features.rank() < 2 || Rows.width(features) != d) {
            throw new IllegalArgumentException("Standardizer was fitted on " + d + " features per row but got "
                    + "features of shape " + Shapes.str(features.shape()));
        }
        float[] x = features.data();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int j = i % d;
            out[i] = (float) (((double) x[i] - mean[j]) / std[j]);
        }
        return Tensor.of(out, features.shape());
    }
}
