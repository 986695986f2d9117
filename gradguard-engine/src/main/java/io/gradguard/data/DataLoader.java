package io.gradguard.data;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Mini-batches of a {@link Dataset}, as {@code torch.utils.data.DataLoader(ds, batch_size, shuffle,
 * drop_last)}.
 *
 * <p>The order of epoch {@code e} depends only on the loader's seed and {@code e}: it is a Fisher-Yates
 * shuffle driven by {@code rng.fork("epoch-" + e)}, so a run resumed at epoch {@code e} sees exactly the
 * batches it would have seen without the interruption, and asking for the same epoch twice gives the same
 * order. Each batch copies only its own rows into fresh {@code [batch, ...]} tensors.
 */
public final class DataLoader {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final Rng rng;

    /** One mini-batch: features {@code x [b, ...]}, targets {@code y}, and the dataset rows they came from. */
    public record Batch(Tensor x, Tensor y, int[] rows) {
        /** The number of rows {@code b}. */
        public int size() {
            return rows.length;
        }
    }

    /**
     * @param rng the stream epoch orders are forked from (unused, but still required, when {@code shuffle}
     *            is false)
     */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, boolean dropLast, Rng rng) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.rng = Objects.requireNonNull(rng, "rng");
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader batch_size must be >= 1, got " + batchSize);
        }
        if (dropLast && dataset.size() > 0 && dataset.size() < batchSize) {
            throw new IllegalArgumentException("DataLoader: dataset '" + dataset.name() + "' has "
                    + dataset.size() + " rows, fewer than batch_size " + batchSize
                    + ", so with drop_last=true an epoch would have no batches");
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    /** {@code floor(n / batch_size)} with drop_last, else {@code ceil(n / batch_size)}. */
    public int batchesPerEpoch() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The row order of epoch {@code epoch} (0-based): identity without shuffling. */
    public int[] order(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("DataLoader epoch must be >= 0, got " + epoch);
        }
        int n = dataset.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        if (shuffle) {
            rng.fork("epoch-" + epoch).shuffle(perm);
        }
        return perm;
    }

    /** The batches of epoch {@code epoch}, in order; each call starts afresh. */
    public Iterator<Batch> epoch(int epoch) {
        int[] perm = order(epoch);
        int batches = batchesPerEpoch();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches");
                }
                int from = next * batchSize;
                int to = Math.min(from + batchSize, perm.length);
                next++;
                int[] rows = Arrays.copyOfRange(perm, from, to);
                return new Batch(Rows.gather(dataset.features(), perm, from, to),
                        Rows.gather(dataset.targets(), perm, from, to), rows);
            }
        };
    }
}
