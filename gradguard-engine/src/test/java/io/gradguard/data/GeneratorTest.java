package io.gradguard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.tensor.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorTest {
    static List<Generator> all() {
        return List.of(new Generator.Spirals(300, 3, 0.2), new Generator.Circles(200, 0.5, 0.1),
                new Generator.Blobs(300, 3, 4, 1.0), new Generator.Xor(400, 0.1), new Generator.Parity(500, 4),
                new Generator.Sine(200, 0.1, 2));
    }

    private static int[] classCounts(Dataset ds) {
        int[] counts = new int[ds.numClasses()];
        for (float y : ds.targets().data()) {
            counts[(int) y]++;
        }
        return counts;
    }

    @ParameterizedTest
    @MethodSource("all")
    void sameSeedSameDataDifferentSeedDifferentData(Generator g) {
        Dataset a = g.generate(new Rng(42));
        Dataset b = g.generate(new Rng(42));
        Dataset c = g.generate(new Rng(43));
        assertThat(a.features().data()).containsExactly(b.features().data());
        assertThat(a.targets().data()).containsExactly(b.targets().data());
        assertThat(a.features().data()).isNotEqualTo(c.features().data());
        assertThat(a.size()).isEqualTo(g.samples());
        assertThat(a.name()).isEqualTo(g.name());
    }

    @Test
    void namesAreTheSpecNames() {
        assertThat(all().stream().map(Generator::name)).containsExactly("spirals", "circles", "blobs", "xor",
                "parity", "sine");
    }

    @Test
    void spiralsFollowTheCs231nFormula() {
        Dataset ds = new Generator.Spirals(301, 3, 0.0).generate(new Rng(1));
        assertThat(ds.features().shape()).containsExactly(301, 2);
        assertThat(ds.targets().shape()).containsExactly(301);
        assertThat(ds.numClasses()).isEqualTo(3);
        assertThat(classCounts(ds)).containsExactly(101, 100, 100);
        float[] x = ds.features().data();
        float[] y = ds.targets().data();
        for (int i = 0; i < ds.size(); i++) {
            double px = x[2 * i];
            double py = x[2 * i + 1];
            double r = Math.hypot(px, py);
            assertThat(r).isLessThanOrEqualTo(1 + 1e-6);
            if (r > 1e-3) {
                // noise 0: the point is (r sin t, r cos t) with t = 4 (class + r), so atan2(x, y) = t mod 2 pi
                double t = 4 * (y[i] + r);
                double diff = Math.IEEEremainder(Math.atan2(px, py) - t, 2 * Math.PI);
                assertThat(diff).isCloseTo(0, within(1e-4));
            }
        }
    }

    @Test
    void circlesLieOnTheUnitAndTheInnerCircle() {
        Dataset ds = new Generator.Circles(201, 0.3, 0.0).generate(new Rng(1));
        assertThat(ds.features().shape()).containsExactly(201, 2);
        // as make_circles: floor(201 / 2) = 100 outer (class 0), 101 inner (class 1)
        assertThat(classCounts(ds)).containsExactly(100, 101);
        float[] x = ds.features().data();
        for (int i = 0; i < ds.size(); i++) {
            double r = Math.hypot(x[2 * i], x[2 * i + 1]);
            assertThat(r).isCloseTo(ds.targets().data()[i] == 0 ? 1.0 : 0.3, within(1e-6));
        }
    }

    @Test
    void noiseMovesCirclePointsOffTheCircle() {
        Dataset ds = new Generator.Circles(400, 0.5, 0.1).generate(new Rng(5));
        float[] x = ds.features().data();
        double sq = 0;
        for (int i = 0; i < ds.size(); i++) {
            double expected = ds.targets().data()[i] == 0 ? 1.0 : 0.5;
            double r = Math.hypot(x[2 * i], x[2 * i + 1]);
            sq += (r - expected) * (r - expected);
        }
        // radial deviation of 2-D noise with std 0.1 has rms close to 0.1
        assertThat(Math.sqrt(sq / ds.size())).isBetween(0.07, 0.13);
    }

    @Test
    void blobsAreBalancedClustersWithTheGivenSpread() {
        Dataset ds = new Generator.Blobs(600, 3, 4, 0.5).generate(new Rng(9));
        assertThat(ds.features().shape()).containsExactly(600, 4);
        assertThat(classCounts(ds)).containsExactly(200, 200, 200);
        float[] x = ds.features().data();
        for (int c = 0; c < 3; c++) {
            for (int f = 0; f < 4; f++) {
                double sum = 0;
                double sq = 0;
                for (int i = 0; i < 600; i++) {
                    if (ds.targets().data()[i] == c) {
                        sum += x[4 * i + f];
                        sq += x[4 * i + f] * x[4 * i + f];
                    }
                }
                double mean = sum / 200;
                double std = Math.sqrt(sq / 200 - mean * mean);
                assertThat(mean).isBetween(-10.3, 10.3); // centres are uniform in [-10, 10]
                assertThat(std).isBetween(0.4, 0.6);
            }
        }
        // uneven counts: the first n % centers classes get one more, as make_blobs
        assertThat(classCounts(new Generator.Blobs(10, 3, 2, 1).generate(new Rng(1)))).containsExactly(4, 3, 3);
    }

    @Test
    void xorLabelsOppositeSignQuadrants() {
        Dataset ds = new Generator.Xor(400, 0.0).generate(new Rng(2));
        float[] x = ds.features().data();
        for (int i = 0; i < 400; i++) {
            assertThat(x[2 * i]).isBetween(-1f, 1f);
            assertThat(x[2 * i + 1]).isBetween(-1f, 1f);
            assertThat(ds.targets().data()[i]).isEqualTo(x[2 * i] * x[2 * i + 1] < 0 ? 1f : 0f);
        }
        // 400 fair coin flips: mean 200, sd 10
        assertThat(classCounts(ds)[1]).isBetween(150, 250);
    }

    @Test
    void parityLabelsCountPlusOnes() {
        Dataset ds = new Generator.Parity(500, 5).generate(new Rng(3));
        assertThat(ds.features().shape()).containsExactly(500, 5);
        float[] x = ds.features().data();
        for (int i = 0; i < 500; i++) {
            int ones = 0;
            for (int k = 0; k < 5; k++) {
                assertThat(x[5 * i + k]).isIn(-1f, 1f);
                ones += x[5 * i + k] == 1f ? 1 : 0;
            }
            assertThat(ds.targets().data()[i]).isEqualTo(ones % 2);
        }
        assertThat(classCounts(ds)[1]).isBetween(200, 300);
    }

    @Test
    void sineIsRegressionOverThePeriods() {
        Dataset clean = new Generator.Sine(200, 0.0, 2).generate(new Rng(4));
        assertThat(clean.numClasses()).isZero();
        assertThat(clean.features().shape()).containsExactly(200, 1);
        assertThat(clean.targets().shape()).containsExactly(200, 1);
        for (int i = 0; i < 200; i++) {
            float xi = clean.features().data()[i];
            assertThat(xi).isBetween((float) (-2 * Math.PI), (float) (2 * Math.PI));
            assertThat(clean.targets().data()[i]).isCloseTo((float) Math.sin(xi), within(1e-6f));
        }
        Dataset noisy = new Generator.Sine(2000, 0.1, 1).generate(new Rng(4));
        double sq = 0;
        for (int i = 0; i < 2000; i++) {
            double r = noisy.targets().data()[i] - Math.sin(noisy.features().data()[i]);
            sq += r * r;
        }
        assertThat(Math.sqrt(sq / 2000)).isBetween(0.09, 0.11);
    }

    @Test
    void recordsQuoteBadValues() {
        assertThatThrownBy(() -> new Generator.Spirals(100, 1, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Spirals classes must be >= 2, got 1");
        assertThatThrownBy(() -> new Generator.Spirals(2, 3, 0.1))
                .hasMessage("Spirals samples must be >= 3, got 2");
        assertThatThrownBy(() -> new Generator.Circles(100, 1.0, 0.1))
                .hasMessage("Circles factor must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new Generator.Xor(100, -0.5))
                .hasMessage("Xor noise must be finite and >= 0, got -0.5");
        assertThatThrownBy(() -> new Generator.Blobs(100, 3, 0, 1.0))
                .hasMessage("Blobs features must be >= 1, got 0");
        assertThatThrownBy(() -> new Generator.Parity(0, 3)).hasMessage("Parity samples must be >= 1, got 0");
        assertThatThrownBy(() -> new Generator.Sine(10, 0, Double.NaN))
                .hasMessage("Sine periods must be finite and > 0, got NaN");
    }
}
