package io.gradguard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Row i has features (i, 10 i) and class i % 3. */
    private static Dataset numbered(int n) {
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i % 3;
        }
        return new Dataset("numbered", Tensor.of(x, n, 2), Tensor.of(y, n), 3);
    }

    @Test
    void reportsSizeShapeAndClasses() {
        Dataset ds = new Dataset("img", Tensor.zeros(5, 2, 3), Tensor.zeros(5), 4);
        assertThat(ds.size()).isEqualTo(5);
        assertThat(ds.featureShape()).containsExactly(2, 3);
        assertThat(ds.featureCount()).isEqualTo(6);
        assertThat(ds.numClasses()).isEqualTo(4);
        assertThat(ds.name()).isEqualTo("img");
    }

    @Test
    void rejectsRowCountMismatch() {
        assertThatThrownBy(() -> new Dataset("d", Tensor.zeros(4, 2), Tensor.zeros(3), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dataset 'd': features [4, 2] have 4 rows but targets [3] have 3");
    }

    @Test
    void rejectsNonFiniteFeatureNamingRowAndColumn() {
        Tensor x = Tensor.zeros(4, 3);
        x.set(Float.NaN, 2, 1);
        assertThatThrownBy(() -> new Dataset("d", x, Tensor.zeros(4), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dataset 'd': feature at row 2, column 1 is NaN; data must be finite");
    }

    @Test
    void namesTheIndexTupleOfHigherRankFeatures() {
        Tensor x = Tensor.zeros(2, 2, 3);
        x.set(Float.POSITIVE_INFINITY, 1, 1, 2);
        assertThatThrownBy(() -> new Dataset("d", x, Tensor.zeros(2), 2))
                .hasMessage("Dataset 'd': feature at row 1, column [1, 2] is Infinity; data must be finite");
    }

    @Test
    void rejectsNonFiniteRegressionTarget() {
        Tensor y = Tensor.zeros(3, 2);
        y.set(Float.NEGATIVE_INFINITY, 1, 0);
        assertThatThrownBy(() -> new Dataset("d", Tensor.zeros(3, 1), y, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dataset 'd': target at row 1, column 0 is -Infinity; data must be finite");
    }

    @Test
    void rejectsClassIndicesOutOfRangeOrFractional() {
        assertThatThrownBy(() -> new Dataset("d", Tensor.zeros(2, 1), Tensor.of(new float[] {0, 3}, 2), 3))
                .hasMessage("Dataset 'd': target at row 1 is 3.0 but class indices must be integers in 0..2");
        assertThatThrownBy(() -> new Dataset("d", Tensor.zeros(2, 1), Tensor.of(new float[] {0.5f, 1}, 2), 3))
                .hasMessageContaining("target at row 0 is 0.5");
    }

    @Test
    void rejectsRegressionTargetsWithoutAColumnDimension() {
        assertThatThrownBy(() -> new Dataset("d", Tensor.zeros(2, 1), Tensor.zeros(2), 0))
                .hasMessage("Dataset 'd': regression targets must have shape [n, k], got [2]");
    }

    @Test
    void binaryTargetsBecomeAColumnOfZerosAndOnes() {
        Dataset ds = new Dataset("b", Tensor.zeros(3, 2), Tensor.of(new float[] {0, 1, 1}, 3), 2);
        Dataset b = ds.binaryTargets();
        assertThat(b.targets().shape()).containsExactly(3, 1);
        assertThat(b.targets().data()).containsExactly(0f, 1f, 1f);
        assertThatThrownBy(() -> new Dataset("b", Tensor.zeros(1, 2), Tensor.of(new float[] {2}, 1, 1), 2))
                .hasMessageContaining("binary targets must be 0 or 1");
    }

    @Test
    void subsetCopiesTheRequestedRowsInOrder() {
        Dataset s = numbered(6).subset(new int[] {4, 1, 4});
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.features().data()).containsExactly(4, 40, 1, 10, 4, 40);
        assertThat(s.targets().data()).containsExactly(1, 1, 1);
        assertThatThrownBy(() -> numbered(6).subset(new int[] {6}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("Dataset 'numbered': subset row 6 is out of range for 6 rows");
    }

    @Test
    void splitIsDisjointCoversAllRowsAndHasRoundedSizes() {
        Dataset.Split split = numbered(101).split(0.2, new Rng(7));
        // round(101 * 0.2) = round(20.2) = 20
        assertThat(split.validation().size()).isEqualTo(20);
        assertThat(split.train().size()).isEqualTo(81);
        Set<Float> seen = new HashSet<>();
        for (Dataset part : List.of(split.train(), split.validation())) {
            float[] x = part.features().data();
            for (int i = 0; i < part.size(); i++) {
                assertThat(x[2 * i + 1]).isEqualTo(10 * x[2 * i]); // rows stay whole
                assertThat(seen.add(x[2 * i])).isTrue();
            }
        }
        assertThat(seen).hasSize(101);
    }

    @Test
    void splitIsSeeded() {
        float[] a = numbered(50).split(0.3, new Rng(1)).validation().features().data();
        float[] b = numbered(50).split(0.3, new Rng(1)).validation().features().data();
        float[] c = numbered(50).split(0.3, new Rng(2)).validation().features().data();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void zeroFractionGivesAnEmptyValidationPart() {
        Dataset.Split split = numbered(10).split(0.0, new Rng(1));
        assertThat(split.validation().size()).isZero();
        assertThat(split.validation().featureShape()).containsExactly(2);
        assertThat(split.train().size()).isEqualTo(10);
    }

    @Test
    void rejectsFractionsOutsideZeroToOne() {
        assertThatThrownBy(() -> numbered(10).split(1.0, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dataset 'numbered': validation fraction must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> numbered(1).split(0.9, new Rng(1)))
                .hasMessage("Dataset 'numbered': validation fraction 0.9 of 1 rows leaves no training rows");
    }
}
