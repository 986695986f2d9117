package io.gradguard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** Row i has features (i, -i) and regression target 100 i. */
    private static Dataset rows(int n) {
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = 100 * i;
        }
        return new Dataset("rows", Tensor.of(x, n, 2), Tensor.of(y, n, 1), 0);
    }

    private static List<Integer> visit(DataLoader loader, int epoch) {
        List<Integer> order = new ArrayList<>();
        for (Iterator<DataLoader.Batch> it = loader.epoch(epoch); it.hasNext();) {
            DataLoader.Batch b = it.next();
            for (int i = 0; i < b.size(); i++) {
                int row = b.rows()[i];
                // the gathered values are those of the named row
                assertThat(b.x().get(i, 0)).isEqualTo((float) row);
                assertThat(b.x().get(i, 1)).isEqualTo((float) -row);
                assertThat(b.y().get(i, 0)).isEqualTo(100f * row);
                order.add(row);
            }
        }
        return order;
    }

    @Test
    void everyRowOnceWithAShortLastBatch() {
        DataLoader loader = new DataLoader(rows(10), 4, true, false, new Rng(3));
        assertThat(loader.batchesPerEpoch()).isEqualTo(3); // ceil(10 / 4)
        Iterator<DataLoader.Batch> it = loader.epoch(0);
        assertThat(it.next().x().shape()).containsExactly(4, 2);
        it.next();
        DataLoader.Batch last = it.next();
        assertThat(last.x().shape()).containsExactly(2, 2);
        assertThat(last.y().shape()).containsExactly(2, 1);
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        assertThat(visit(loader, 0)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void dropLastSkipsTheShortBatch() {
        DataLoader loader = new DataLoader(rows(10), 4, true, true, new Rng(3));
        assertThat(loader.batchesPerEpoch()).isEqualTo(2); // floor(10 / 4)
        List<Integer> seen = visit(loader, 5);
        assertThat(seen).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void dropLastWithFewerRowsThanABatchIsAnError() {
        assertThatThrownBy(() -> new DataLoader(rows(3), 4, false, true, new Rng(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DataLoader: dataset 'rows' has 3 rows, fewer than batch_size 4, so with "
                        + "drop_last=true an epoch would have no batches");
    }

    @Test
    void epochsDifferButTheSameEpochRepeatsExactly() {
        DataLoader a = new DataLoader(rows(50), 8, true, false, new Rng(11));
        DataLoader resumed = new DataLoader(rows(50), 8, true, false, new Rng(11));
        List<Integer> e0 = visit(a, 0);
        List<Integer> e1 = visit(a, 1);
        assertThat(e0).isNotEqualTo(e1);
        assertThat(visit(a, 0)).isEqualTo(e0);
        // a fresh loader asked for epoch 1 first (a run resumed there) sees the same batches
        assertThat(visit(resumed, 1)).isEqualTo(e1);
        assertThat(visit(new DataLoader(rows(50), 8, true, false, new Rng(12)), 0)).isNotEqualTo(e0);
    }

    @Test
    void withoutShuffleTheOrderIsTheDatasetOrder() {
        DataLoader loader = new DataLoader(rows(5), 2, false, false, new Rng(1));
        assertThat(visit(loader, 3)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void emptyDatasetHasNoBatches() {
        Dataset empty = new Dataset("e", Tensor.zeros(0, 2), Tensor.zeros(0, 1), 0);
        DataLoader loader = new DataLoader(empty, 4, true, true, new Rng(1));
        assertThat(loader.batchesPerEpoch()).isZero();
        assertThat(loader.epoch(0).hasNext()).isFalse();
    }

    @Test
    void rejectsBadBatchSizeAndEpoch() {
        assertThatThrownBy(() -> new DataLoader(rows(5), 0, false, false, new Rng(1)))
                .hasMessage("DataLoader batch_size must be >= 1, got 0");
        DataLoader loader = new DataLoader(rows(5), 2, false, false, new Rng(1));
        assertThatThrownBy(() -> loader.epoch(-1)).hasMessage("DataLoader epoch must be >= 0, got -1");
    }
}
