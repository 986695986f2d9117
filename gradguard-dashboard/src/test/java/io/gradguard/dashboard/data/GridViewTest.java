package io.gradguard.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GridViewTest {
    @SuppressWarnings("unchecked")
    static List<Double> y(Map<String, Object> view, String key) {
        return ((Map<String, List<Double>>) view.get("y")).get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Long> x(Map<String, Object> view) {
        return (List<Long>) view.get("x");
    }

    @Test
    void aHundredThousandStepsDrawAsAtMostTwoThousandPointsKeepingEverySpike() {
        StepGrid grid = new StepGrid();
        Buckets loss = grid.newSeries();
        for (long s = 0; s < 100_000; s++) {
            double v = s == 77_777 ? 1e9 : s == 12_345 ? 1e-9 : s == 50_000 ? Double.NaN : 1.0 + (s % 7) * 1e-3;
            loss.add(grid.bucket(s), s, v);
        }
        assertThat(grid.used()).isLessThanOrEqualTo(StepGrid.CAPACITY);
        assertThat(grid.width()).isEqualTo(128);
        Map<String, Object> view = GridView.lines(grid, Map.of("loss", loss), 2000);
        assertThat(x(view)).hasSizeLessThanOrEqualTo(2000).hasSizeGreaterThan(1000).doesNotHaveDuplicates()
                .isSorted();
        assertThat(y(view, "loss")).contains(1e9, 1e-9).hasSameSizeAs(x(view));
        @SuppressWarnings("unchecked")
        Map<String, List<Long>> bad = (Map<String, List<Long>>) view.get("nonfinite");
        assertThat(bad.get("loss")).containsExactly(50_000L / 128 * 128);

        Map<String, Object> coarse = GridView.lines(grid, Map.of("loss", loss), 50);
        assertThat(x(coarse)).hasSizeLessThanOrEqualTo(50);
        assertThat(y(coarse, "loss")).contains(1e9, 1e-9);
    }

    @Test
    void aMillionStepsStayWithinTheGrid() {
        StepGrid grid = new StepGrid();
        Buckets b = grid.newSeries();
        for (long s = 0; s < 1_000_000; s++) {
            b.add(grid.bucket(s), s, s);
        }
        assertThat(grid.width()).isEqualTo(1024);
        assertThat(grid.used()).isEqualTo(977);
        Map<String, Object> view = GridView.lines(grid, Map.of("v", b), 10_000);
        assertThat(y(view, "v")).first().isEqualTo(0.0);
        assertThat(y(view, "v")).last().isEqualTo(999_999.0);
    }

    @Test
    void mergedBucketsHoldTheExactMinimumMaximumAndCountOfTheirSteps() {
        Random rnd = new Random(3);
        StepGrid grid = new StepGrid(16);
        Buckets b = grid.newSeries();
        int n = 1000;
        double[] v = new double[n];
        for (int s = 0; s < n; s++) {
            v[s] = rnd.nextGaussian();
            b.add(grid.bucket(s), s, v[s]);
        }
        long w = grid.width();
        assertThat(w).isEqualTo(64);
        for (int j = 0; j < grid.used(); j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int count = 0;
            for (long s = j * w; s < Math.min(n, (j + 1) * w); s++) {
                min = Math.min(min, v[(int) s]);
                max = Math.max(max, v[(int) s]);
                count++;
            }
            assertThat(b.min(j)).isEqualTo(min);
            assertThat(b.max(j)).isEqualTo(max);
            assertThat(b.count(j)).isEqualTo(count);
        }
    }

    @Test
    void eachBucketDrawsItsExtremesInTheOrderTheyHappened() {
        StepGrid grid = new StepGrid(4);
        Buckets b = grid.newSeries();
        double[] values = {1, 9, 2, 3, 5, 0, 4, 4};
        for (int s = 0; s < values.length; s++) {
            b.add(grid.bucket(s), s, values[s]);
        }
        assertThat(grid.width()).isEqualTo(2);
        Map<String, Object> view = GridView.lines(grid, Map.of("v", b), 100);
        assertThat(x(view)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        // Buckets [1, 9], [2, 3], [5, 0], [4, 4]: min/max in step order, a flat bucket twice.
        assertThat(y(view, "v")).containsExactly(1.0, 9.0, 2.0, 3.0, 5.0, 0.0, 4.0, 4.0);
    }

    @Test
    void seriesWithoutAValueInABucketGetAGapAndEmptyBucketsAreLeftOut() {
        StepGrid grid = new StepGrid();
        Buckets every = grid.newSeries();
        Buckets sparse = grid.newSeries();
        for (long s = 0; s < 30; s += 3) {
            int bucket = grid.bucket(s);
            every.add(bucket, s, s);
            if (s % 9 == 0) {
                sparse.add(bucket, s, -s);
            }
        }
        Map<String, Buckets> m = new LinkedHashMap<>();
        m.put("every", every);
        m.put("sparse", sparse);
        Map<String, Object> view = GridView.lines(grid, m, 100);
        assertThat(x(view)).containsExactly(0L, 3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L, 27L);
        assertThat(y(view, "sparse")).containsExactly(0.0, null, null, -9.0, null, null, -18.0, null, null, -27.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void heatmapColumnsHoldEachBucketsLargestValue() {
        StepGrid grid = new StepGrid();
        Buckets a = grid.newSeries();
        Buckets b = grid.newSeries();
        for (long s = 0; s < 100; s++) {
            a.add(grid.bucket(s), s, s);
            b.add(grid.bucket(s), s, s == 42 ? Double.NaN : 1);
        }
        Map<String, Object> h = GridView.columns(grid, List.of(a, b), 10);
        assertThat((List<Long>) h.get("x")).hasSize(7).startsWith(0L, 16L);
        assertThat(((List<List<Double>>) h.get("values")).get(0)).startsWith(15.0, 31.0).endsWith(99.0);
        assertThat((List<int[]>) h.get("nonfinite")).singleElement().satisfies(c -> assertThat(c).containsExactly(1, 2));
    }

    @Test
    void gridCapacityMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new StepGrid(1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("StepGrid capacity must be a power of two >= 2, got 1000");
    }
}
