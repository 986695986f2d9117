package io.gradguard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.tensor.Tensor;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    /** Column 0 is 1, 2, 3, 4; column 1 is constant 5. */
    private static Dataset data() {
        return new Dataset("s", Tensor.matrix(new float[][] {{1, 5}, {2, 5}, {3, 5}, {4, 5}}), Tensor.zeros(4), 1);
    }

    @Test
    void fitsMeanAndPopulationStd() {
        Standardizer s = Standardizer.fit(data());
        // mean = 10 / 4 = 2.5; population variance = (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25
        assertThat(s.mean()).containsExactly(2.5f, 5f);
        assertThat(s.std()[0]).isCloseTo((float) Math.sqrt(1.25), within(1e-7f));
        // a constant column gets std 1
        assertThat(s.std()[1]).isEqualTo(1f);
    }

    @Test
    void appliedFeaturesHaveZeroMeanAndUnitStd() {
        Dataset in = data();
        Dataset out = Standardizer.fit(in).apply(in);
        float[] x = out.features().data();
        // (1 - 2.5) / sqrt(1.25) = -1.3416408
        assertThat(x[0]).isCloseTo(-1.3416408f, within(1e-6f));
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < 4; i++) {
            sum += x[2 * i];
            sq += x[2 * i] * x[2 * i];
            assertThat(x[2 * i + 1]).isZero();
        }
        assertThat(sum / 4).isCloseTo(0, within(1e-6));
        assertThat(sq / 4).isCloseTo(1, within(1e-6));
        assertThat(out.targets()).isSameAs(in.targets());
        assertThat(in.features().data()[0]).isEqualTo(1f); // the input is not modified
    }

    @Test
    void restoresFromSavedStatistics() {
        Standardizer s = Standardizer.of(new float[] {1, 2}, new float[] {2, 4});
        Tensor out = s.apply(Tensor.matrix(new float[][] {{3, 10}}));
        assertThat(out.data()).containsExactly(1f, 2f);
        assertThatThrownBy(() -> Standardizer.of(new float[] {0}, new float[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Standardizer: std of column 0 must be finite and > 0, got 0.0");
    }

    @Test
    void rejectsFeaturesOfAnotherWidth() {
        Standardizer s = Standardizer.fit(data());
        assertThatThrownBy(() -> s.apply(Tensor.zeros(3, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Standardizer was fitted on 2 features per row but got features of shape [3, 3]");
    }

    @Test
    void rejectsAnEmptyDataset() {
        Dataset empty = new Dataset("e", Tensor.zeros(0, 2), Tensor.zeros(0), 1);
        assertThatThrownBy(() -> Standardizer.fit(empty))
                .hasMessage("Standardizer: cannot fit on dataset 'e' because it has no rows");
    }
}
