package io.gradguard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.autograd.Activation;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Conv2d;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Flatten;
import io.gradguard.nn.Loss;
import io.gradguard.nn.MaxPool2d;
import io.gradguard.nn.Network;
import io.gradguard.nn.Sequential;
import io.gradguard.optim.AdamConfig;
import io.gradguard.optim.LrSchedule;
import io.gradguard.optim.Penalty;
import io.gradguard.tensor.Rng;
import io.gradguard.train.TrainConfig;
import io.gradguard.train.TrainResult;
import io.gradguard.train.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImagesTest {
    static List<Images> all() {
        return List.of(new Images.Bars(101, 16, 1, 4, 0.1), new Images.Bars(60, 32, 3, 6, 0.0),
                new Images.Shapes(103, 16, 1, 0.1), new Images.Shapes(40, 24, 3, 0.2));
    }

    @ParameterizedTest
    @MethodSource("all")
    void shapesBalanceAndDeterminism(Images g) {
        Dataset a = g.generate(new Rng(42));
        Dataset b = g.generate(new Rng(42));
        Dataset c = g.generate(new Rng(43));
        int size = a.features().dim(2);
        assertThat(a.features().shape()).containsExactly(g.samples(), a.features().dim(1), size, size);
        assertThat(a.targets().shape()).containsExactly(g.samples());
        assertThat(a.numClasses()).isEqualTo(g.classes());
        assertThat(a.name()).isEqualTo(g.name());
        assertThat(a.features().data()).containsExactly(b.features().data());
        assertThat(a.targets().data()).containsExactly(b.targets().data());
        assertThat(a.features().data()).isNotEqualTo(c.features().data());
        int[] counts = new int[g.classes()];
        for (float y : a.targets().data()) {
            counts[(int) y]++;
        }
        for (int k = 0; k < counts.length; k++) { // the first n % k classes get one more
            int share = g.samples() / g.classes() + (k < g.samples() % g.classes() ? 1 : 0);
            assertThat(counts[k]).as("class %d", k).isEqualTo(share);
        }
    }

    /** The orientation of an image's intensity in degrees in [0, 180), from its second moments (y pointing up). */
    private static double orientation(float[] x, int off, int size) {
        double m = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double v = x[off + r * size + c];
                double px = c;
                double py = -r;
                m += v;
                sx += v * px;
                sy += v * py;
                sxx += v * px * px;
                syy += v * py * py;
                sxy += v * px * py;
            }
        }
        double cxx = sxx / m - (sx / m) * (sx / m);
        double cyy = syy / m - (sy / m) * (sy / m);
        double cxy = sxy / m - (sx / m) * (sy / m);
        double deg = Math.toDegrees(0.5 * Math.atan2(2 * cxy, cxx - cyy));
        return deg < 0 ? deg + 180 : deg;
    }

    @Test
    void barClassesAreOrientations() {
        for (int k : new int[] {4, 6}) {
            Dataset ds = new Images.Bars(60, 16, 1, k, 0.0).generate(new Rng(k));
            float[] x = ds.features().data();
            double worst = 0;
            for (int i = 0; i < ds.size(); i++) {
                double expected = 180.0 * ds.targets().data()[i] / k;
                double got = orientation(x, i * 256, 16);
                double err = Math.abs(got - expected);
                worst = Math.max(worst, Math.min(err, 180 - err));
            }
            assertThat(worst).as("worst orientation error in degrees, %d classes", k).isLessThan(3);
        }
    }

    /**
     * Recognises a noise-free figure by rule: take the bounding box of the pixels above half the maximum;
     * a square lights all four corners (2x2 blocks) of the box, a triangle only the two bottom ones, a circle
     * and a cross none, and of those two only the cross lights the pixel at the intensity centroid.
     */
    private static int recognise(float[] x, int off, int size) {
        float max = 0;
        double m = 0;
        double sr = 0;
        double sc = 0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                float v = x[off + r * size + c];
                max = Math.max(max, v);
                m += v;
                sr += v * r;
                sc += v * c;
            }
        }
        int top = size;
        int bottom = -1;
        int left = size;
        int right = -1;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                if (x[off + r * size + c] > max / 2) {
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                }
            }
        }
        float half = max / 2;
        boolean tl = lit(x, off, size, top, left, 1, 1, half);
        boolean tr = lit(x, off, size, top, right, 1, -1, half);
        boolean bl = lit(x, off, size, bottom, left, -1, 1, half);
        boolean br = lit(x, off, size, bottom, right, -1, -1, half);
        boolean centre = x[off + (int) (sr / m) * size + (int) (sc / m)] > half;
        if (tl && tr && bl && br) {
            return 0;
        }
        if (!tl && !tr && bl && br) {
            return 3;
        }
        if (!tl && !tr && !bl && !br) {
            return centre ? 2 : 1;
        }
        return -1;
    }

    /** Whether any pixel of the 2x2 block at corner {@code (r, c)} of the box, stepping inwards, is lit. */
    private static boolean lit(float[] x, int off, int size, int r, int c, int dr, int dc, float half) {
        return x[off + r * size + c] > half || x[off + (r + dr) * size + c] > half
                || x[off + r * size + c + dc] > half || x[off + (r + dr) * size + c + dc] > half;
    }

    @Test
    void shapeClassesAreSquareCircleCrossTriangle() {
        Dataset ds = new Images.Shapes(400, 32, 1, 0.0).generate(new Rng(9));
        float[] x = ds.features().data();
        for (int i = 0; i < ds.size(); i++) {
            assertThat(recognise(x, i * 32 * 32, 32)).as("image %d", i).isEqualTo((int) ds.targets().data()[i]);
        }
    }

    /**
     * A tiny CNN (two 3x3 convolutions with max pooling, then a dense layer) trained for 5 epochs with Adam
     * on 450 images separates the four classes of both sets on 150 held-out images: chance is 25%.
     */
    private static double heldOutAccuracy(Images g) {
        Rng rng = new Rng(1);
        Dataset.Split split = g.generate(rng.fork("data")).split(0.25, rng.fork("split"));
        Rng init = rng.fork("init");
        Network net = new Network(new Sequential(new Conv2d(1, 8, 3, 1, 1, true, init),
                new ActivationLayer(new Activation.ReLU()), new MaxPool2d(2), new Conv2d(8, 8, 3, 1, 1, true, init),
                new ActivationLayer(new Activation.ReLU()), new MaxPool2d(2), new Flatten(),
                new Dense(128, 4, true, init)));
        TrainResult r = new Trainer(net, new Loss.CrossEntropy(), AdamConfig.of(0.01).build(net.parameters()),
                LrSchedule.constant(), Penalty.NONE, split.train(), split.validation(), TrainConfig.of(5, 32), rng)
                .fit();
        return r.last().valAccuracy();
    }

    @Test
    void aTinyCnnLearnsBars() {
        assertThat(heldOutAccuracy(new Images.Bars(600, 16, 1, 4, 0.1))).isGreaterThan(0.85);
    }

    @Test
    void aTinyCnnLearnsShapes() {
        assertThat(heldOutAccuracy(new Images.Shapes(600, 16, 1, 0.1))).isGreaterThan(0.85);
    }

    @Test
    void severalChannelsGetARandomColour() {
        Dataset ds = new Images.Bars(20, 32, 3, 4, 0.0).generate(new Rng(3));
        float[] x = ds.features().data();
        int plane = 32 * 32;
        int differing = 0;
        for (int i = 0; i < ds.size(); i++) {
            double[] peak = new double[3];
            for (int ch = 0; ch < 3; ch++) {
                for (int p = 0; p < plane; p++) {
                    peak[ch] = Math.max(peak[ch], x[(i * 3 + ch) * plane + p]);
                }
                // each channel's brightness is drawn from U(0.2, 1); at size 32 the stroke is 32/12 pixels wide,
                // so some pixel centre lies within the fully covered core and shows that brightness exactly
                assertThat(peak[ch]).isBetween(0.2, 1.0);
            }
            differing += peak[0] != peak[1] || peak[1] != peak[2] ? 1 : 0;
        }
        assertThat(differing).isEqualTo(ds.size());
    }

    @Test
    void recordsQuoteBadValues() {
        assertThatThrownBy(() -> new Images.Bars(100, 16, 1, 9, 0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Bars classes must be in 2..8, got 9");
        assertThatThrownBy(() -> new Images.Bars(3, 16, 1, 4, 0.1)).hasMessage("Bars samples must be >= 4, got 3");
        assertThatThrownBy(() -> new Images.Shapes(100, 7, 1, 0.1)).hasMessage("Shapes size must be in 8..64, got 7");
        assertThatThrownBy(() -> new Images.Shapes(100, 16, 0, 0.1))
                .hasMessage("Shapes channels must be in 1..4, got 0");
        assertThatThrownBy(() -> new Images.Shapes(100, 16, 1, -1))
                .hasMessage("Shapes noise must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> new Images.Shapes(3, 16, 1, 0)).hasMessage("Shapes samples must be >= 4, got 3");
    }
}
