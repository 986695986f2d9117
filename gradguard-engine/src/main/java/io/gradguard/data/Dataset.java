package io.gradguard.data;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A labelled data set held in memory: features {@code [n, ...]} and targets for the same {@code n} rows.
 *
 * <p>Targets come in three forms, told apart by {@link #numClasses()} and the targets' rank:
 * <ul>
 *   <li>class indices, {@code numClasses >= 1}, targets {@code [n]} holding integers {@code 0..numClasses-1}
 *       stored as floats (for {@code cross_entropy});</li>
 *   <li>binary targets, {@code numClasses == 2}, targets {@code [n, k]} of 0s and 1s (for
 *       {@code bce_with_logits}; see {@link #binaryTargets()});</li>
 *   <li>regression, {@code numClasses == 0}, targets {@code [n, k]} of any finite values.</li>
 * </ul>
 * The constructor checks that the row counts agree and that every feature and target is finite, naming the
 * first bad row and column (0-based). The tensors are not copied; treat them as read-only.
 */
public final class Dataset {
    private final String name;
    private final Tensor features;
    private final Tensor targets;
    private final int numClasses;
    private final List<String> classNames;

    /** A data set without class names (see {@link #Dataset(String, Tensor, Tensor, int, List)}). */
    public Dataset(String name, Tensor features, Tensor targets, int numClasses) {
        this(name, features, targets, numClasses, List.of());
    }

    /**
     * @param classNames empty, or one name per class: the original label of class {@code i} (a CSV loader
     *                   records here which target value became which index)
     */
    public Dataset(String name, Tensor features, Tensor targets, int numClasses, List<String> classNames) {
        this(name, features, targets, numClasses, classNames, true);
    }

    private Dataset(String name, Tensor features, Tensor targets, int numClasses, List<String> classNames,
            boolean validate) {
        this.name = Objects.requireNonNull(name, "name");
        this.features = Objects.requireNonNull(features, "features");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.numClasses = numClasses;
        this.classNames = List.copyOf(classNames);
        if (validate) {
            validateShapes();
            validateValues();
        }
    }

    private void validateShapes() {
        String where = "Dataset '" + name + "': ";
        if (features.rank() < 2) {
            throw new IllegalArgumentException(where + "features must have shape [n, ...] with at least one "
                    + "feature dimension, got " + Shapes.str(features.shape()));
        }
        if (targets.rank() < 1 || targets.rank() > 2) {
            throw new IllegalArgumentException(where + "targets must have shape [n] or [n, k], got "
                    + Shapes.str(targets.shape()));
        }
        if (features.dim(0) != targets.dim(0)) {
            throw new IllegalArgumentException(where + "features " + Shapes.str(features.shape()) + " have "
                    + features.dim(0) + " rows but targets " + Shapes.str(targets.shape()) + " have "
                    + targets.dim(0));
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException(where + "numClasses must be >= 0 (0 for regression), got "
                    + numClasses);
        }
        if (numClasses == 0 && targets.rank() != 2) {
            throw new IllegalArgumentException(where + "regression targets must have shape [n, k], got "
                    + Shapes.str(targets.shape()));
        }
        if (numClasses > 0 && targets.rank() == 2 && numClasses != 2) {
            throw new IllegalArgumentException(where + "targets of shape " + Shapes.str(targets.shape())
                    + " with numClasses " + numClasses + ": class indices must have shape [n], and [n, k] "
                    + "targets are binary (numClasses 2)");
        }
        if (!classNames.isEmpty() && classNames.size() != numClasses) {
            throw new IllegalArgumentException(where + classNames.size() + " class names " + classNames
                    + " for numClasses " + numClasses);
        }
    }

    private void validateValues() {
        String where = "Dataset '" + name + "': ";
        float[] x = features.data();
        int w = Rows.width(features);
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(where + "feature at row " + (i / w) + ", column "
                        + column(features, i % w) + " is " + x[i] + "; data must be finite");
            }
        }
        float[] y = targets.data();
        int k = Rows.width(targets);
        for (int i = 0; i < y.length; i++) {
            String cell = "target at row " + (i / k) + (targets.rank() == 2 ? ", column " + (i % k) : "");
            if (!Float.isFinite(y[i])) {
                throw new IllegalArgumentException(where + cell + " is " + y[i] + "; data must be finite");
            }
            if (numClasses > 0 && targets.rank() == 1 && (y[i] < 0 || y[i] >= numClasses || y[i] != (int) y[i])) {
                throw new IllegalArgumentException(where + cell + " is " + y[i] + " but class indices must be "
                        + "integers in 0.." + (numClasses - 1));
            }
            if (numClasses == 2 && targets.rank() == 2 && y[i] != 0f && y[i] != 1f) {
                throw new IllegalArgumentException(where + cell + " is " + y[i] + " but binary targets must be "
                        + "0 or 1");
            }
        }
    }

    /** The column of a flat in-row offset: an index for [n, d] features, an index tuple for higher ranks. */
    private static String column(Tensor t, int offset) {
        if (t.rank() == 2) {
            return Integer.toString(offset);
        }
        int[] idx = new int[t.rank() - 1];
        for (int a = idx.length - 1; a >= 0; a--) {
            idx[a] = offset % t.dim(a + 1);
            offset /= t.dim(a + 1);
        }
        return Arrays.toString(idx);
    }

    public String name() {
        return name;
    }

    /** Features {@code [n, ...]} (shared, not copied). */
    public Tensor features() {
        return features;
    }

    /** Targets {@code [n]} or {@code [n, k]} (shared, not copied). */
    public Tensor targets() {
        return targets;
    }

    /** The number of classes, or 0 for regression. */
    public int numClasses() {
        return numClasses;
    }

    /** The original label of each class index, or an empty list if none were recorded. */
    public List<String> classNames() {
        return classNames;
    }

    /** The number of rows {@code n}. */
    public int size() {
        return features.dim(0);
    }

    /** The shape of one row's features (the feature shape without {@code n}). */
    public int[] featureShape() {
        int[] s = features.shape();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /** Elements per row of features (the product of {@link #featureShape()}). */
    public int featureCount() {
        return Rows.width(features);
    }

    /** The same data under another name. */
    public Dataset withName(String newName) {
        return new Dataset(newName, features, targets, numClasses, classNames, false);
    }

    /**
     * A two-class data set with {@code [n]} class indices as {@code [n, 1]} targets of 0 and 1, the shape
     * {@code bce_with_logits} wants for a one-logit output (as {@code BCEWithLogitsLoss} needs targets shaped
     * like the input). The data are shared.
     */
    public Dataset binaryTargets() {
        if (numClasses != 2 || targets.rank() != 1) {
            throw new IllegalStateException("Dataset '" + name + "': binaryTargets() needs 2 classes with [n] "
                    + "targets, got numClasses " + numClasses + " and targets " + Shapes.str(targets.shape()));
        }
        return new Dataset(name, features, targets.reshape(-1, 1), 2, classNames, false);
    }

    /** The given rows, in the given order (rows may repeat). Copies only those rows. */
    public Dataset subset(int[] rows) {
        int n = size();
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new IndexOutOfBoundsException("Dataset '" + name + "': subset row " + r
                        + " is out of range for " + n + " rows");
            }
        }
        return new Dataset(name, Rows.gather(features, rows, 0, rows.length),
                Rows.gather(targets, rows, 0, rows.length), numClasses, classNames, false);
    }

    /** A train and a validation part of one data set. */
    public record Split(Dataset train, Dataset validation) {
    }

    /**
     * Shuffles the rows with {@code rng} and puts the first {@code round(n * validationFraction)} of them in
     * the validation part, the rest in the training part (no stratification). A fraction of 0 gives an empty
     * validation part.
     */
    public Split split(double validationFraction, Rng rng) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("Dataset '" + name + "': validation fraction must be in [0, 1), got "
                    + validationFraction);
        }
        int n = size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        rng.shuffle(perm);
        int nVal = (int) Math.round(n * validationFraction);
        if (nVal == n && n > 0) {
            throw new IllegalArgumentException("Dataset '" + name + "': validation fraction " + validationFraction
                    + " of " + n + " rows leaves no training rows");
        }
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        int[] train = Arrays.copyOfRange(perm, nVal, n);
        return new Split(subset(train), subset(val));
    }

    @Override
    public String toString() {
        return "Dataset(" + name + ", " + size() + " rows, features " + Shapes.str(featureShape()) + ", "
                + (numClasses == 0 ? "regression " + Shapes.str(targets.shape()) : numClasses + " classes") + ")";
    }
}
