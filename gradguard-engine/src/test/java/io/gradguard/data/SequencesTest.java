package io.gradguard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SequencesTest {
    static List<Sequences> all() {
        return List.of(new Sequences.Adding(300, 50), new Sequences.TemporalOrder(300, 100));
    }

    @ParameterizedTest
    @MethodSource("all")
    void sameSeedSameDataDifferentSeedDifferentData(Sequences g) {
        Dataset a = g.generate(new Rng(42));
        Dataset b = g.generate(new Rng(42));
        Dataset c = g.generate(new Rng(43));
        // Arrays.equals rather than AssertJ's element-wise containsExactly, which is slow on 240k floats
        assertThat(Arrays.equals(a.features().data(), b.features().data())).isTrue();
        assertThat(Arrays.equals(a.targets().data(), b.targets().data())).isTrue();
        assertThat(Arrays.equals(a.features().data(), c.features().data())).isFalse();
        assertThat(a.size()).isEqualTo(g.samples());
        assertThat(a.name()).isEqualTo(g.name());
        assertThat(a.featureShape()[0]).isEqualTo(g.length());
    }

    @Test
    void addingProblemHasOneMarkerInEachHalfAndTheirSumAsTarget() {
        int t = 51;
        Dataset ds = new Sequences.Adding(500, t).generate(new Rng(1));
        assertThat(ds.features().shape()).containsExactly(500, t, 2);
        assertThat(ds.targets().shape()).containsExactly(500, 1);
        assertThat(ds.numClasses()).isZero();
        Tensor x = ds.features();
        for (int s = 0; s < 500; s++) {
            int first = -1;
            int second = -1;
            for (int k = 0; k < t; k++) {
                float v = x.get(s, k, 0);
                assertThat(v).isGreaterThanOrEqualTo(0f).isLessThan(1f);
                float m = x.get(s, k, 1);
                assertThat(m).isIn(0f, 1f);
                if (m == 1f) {
                    if (first < 0) {
                        first = k;
                    } else {
                        assertThat(second).as("more than two markers in row " + s).isEqualTo(-1);
                        second = k;
                    }
                }
            }
            assertThat(first).isBetween(0, t / 2 - 1);
            assertThat(second).isBetween(t / 2, t - 1);
            assertThat(ds.targets().get(s, 0)).isEqualTo(x.get(s, first, 0) + x.get(s, second, 0));
        }
    }

    /** Var(U1 + U2) = 2/12 = 1/6 for two independent U[0, 1); 10k samples put the estimate within ~0.003. */
    @Test
    void predictingOneOnTheAddingProblemHasMseOfOneSixth() {
        Dataset ds = new Sequences.Adding(10_000, 50).generate(new Rng(2));
        double mse = 0;
        double mean = 0;
        for (float y : ds.targets().data()) {
            mse += (y - 1.0) * (y - 1.0);
            mean += y;
        }
        mse /= ds.size();
        mean /= ds.size();
        assertThat(mse).isCloseTo(Sequences.Adding.BASELINE_MSE, within(0.01));
        assertThat(mean).isCloseTo(1.0, within(0.02));
    }

    @Test
    void temporalOrderSequencesFollowHochreiterAndSchmidhuber() {
        int t = 100;
        Dataset ds = new Sequences.TemporalOrder(400, t).generate(new Rng(3));
        int c = Sequences.TemporalOrder.SYMBOLS.size();
        assertThat(ds.features().shape()).containsExactly(400, t, c);
        assertThat(ds.targets().shape()).containsExactly(400);
        assertThat(ds.classNames()).containsExactly("XX", "XY", "YX", "YY");
        Tensor x = ds.features();
        int[] distractors = new int[4];
        for (int s = 0; s < 400; s++) {
            int[] seq = new int[t];
            for (int k = 0; k < t; k++) {
                int ones = 0;
                for (int j = 0; j < c; j++) {
                    if (x.get(s, k, j) == 1f) {
                        seq[k] = j;
                        ones++;
                    } else {
                        assertThat(x.get(s, k, j)).isZero();
                    }
                }
                assertThat(ones).as("one-hot at row %d step %d", s, k).isEqualTo(1);
            }
            assertThat(Sequences.TemporalOrder.SYMBOLS.get(seq[0])).isEqualTo("E");
            assertThat(Sequences.TemporalOrder.SYMBOLS.get(seq[t - 1])).isEqualTo("B");
            StringBuilder relevant = new StringBuilder();
            for (int k = 1; k < t - 1; k++) {
                String sym = Sequences.TemporalOrder.SYMBOLS.get(seq[k]);
                if (sym.equals("X") || sym.equals("Y")) {
                    assertThat(k).isBetween(relevant.length() == 0 ? 10 : 50, relevant.length() == 0 ? 19 : 59);
                    relevant.append(sym);
                } else {
                    assertThat(sym).isIn("a", "b", "c", "d");
                    distractors[seq[k]]++;
                }
            }
            assertThat(relevant.toString()).isEqualTo(ds.classNames().get((int) ds.targets().get(s)));
        }
        for (int count : distractors) {
            // 400 * 96 distractors spread over 4 symbols: 9600 each, give or take a few hundred
            assertThat(count).isBetween(9000, 10200);
        }
    }

    @Test
    void temporalOrderClassesAreBalancedAndShuffled() {
        Dataset ds = new Sequences.TemporalOrder(1001, 50).generate(new Rng(4));
        int[] counts = new int[4];
        int runs = 0;
        float[] y = ds.targets().data();
        for (int i = 0; i < y.length; i++) {
            counts[(int) y[i]]++;
            runs += i > 0 && y[i] == y[i - 1] ? 0 : 1;
        }
        assertThat(counts).containsExactly(251, 250, 250, 250);
        // unshuffled (0, 1, 2, 3, 0, ...) would have 1001 runs of length 1; a shuffle about 3/4 of that
        assertThat(runs).isBetween(650, 850);
    }

    @Test
    void badSizesAreReportedWithTheirValues() {
        assertThatThrownBy(() -> new Sequences.Adding(10, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Adding length must be >= 2, got 1");
        assertThatThrownBy(() -> new Sequences.Adding(0, 50)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Adding samples must be >= 1, got 0");
        assertThatThrownBy(() -> new Sequences.TemporalOrder(10, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TemporalOrder length must be >= 10, got 9");
        // the shortest allowed sequence still places both relevant symbols: t1 = 1, t2 = 5
        Dataset tiny = new Sequences.TemporalOrder(8, 10).generate(new Rng(5));
        assertThat(tiny.features().get(0, 1, 6) + tiny.features().get(0, 1, 7)).isEqualTo(1f);
        assertThat(tiny.features().get(0, 5, 6) + tiny.features().get(0, 5, 7)).isEqualTo(1f);
    }
}
