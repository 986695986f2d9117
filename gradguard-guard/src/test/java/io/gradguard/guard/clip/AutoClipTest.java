package io.gradguard.guard.clip;

import static io.gradguard.guard.clip.Params.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.guard.ParamView;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** pseeth/autoclip autoclip.py: history.append(norm); clip_grad_norm_(params, np.percentile(history, p)). */
class AutoClipTest {

    @Test
    void percentileMatchesNumpysLinearMethod() {
        NormHistory h = new NormHistory(0);
        for (double x : new double[] {0.8125, 2.5, 1.75, 0.3, 4.0, 3.2, 1.1}) {
            h.add(x);
        }
        // expected values printed by numpy 2.4.6: float(np.percentile([0.8125, 2.5, 1.75, 0.3, 4.0, 3.2, 1.1], p))
        assertThat(h.percentile(0)).isEqualTo(0.3);
        assertThat(h.percentile(10)).isEqualTo(0.6075);
        assertThat(h.percentile(25)).isEqualTo(0.95625);
        assertThat(h.percentile(33.3)).isEqualTo(1.099425);
        assertThat(h.percentile(50)).isEqualTo(1.75);
        assertThat(h.percentile(66.7)).isEqualTo(2.5014000000000003);
        assertThat(h.percentile(90)).isEqualTo(3.5200000000000005);
        assertThat(h.percentile(99)).isEqualTo(3.9519999999999995);
        assertThat(h.percentile(100)).isEqualTo(4.0);
        assertThat(h.values()).containsExactly(0.8125, 2.5, 1.75, 0.3, 4.0, 3.2, 1.1); // insertion order kept
    }

    @Test
    void tenthPercentileOfOneToHundredClipsTheHundredthStep() {
        Clipper clipper = new Clipper(new ClipPolicy.AutoClip(10, 0));
        for (int k = 1; k <= 99; k++) {
            clipper.clip(List.of(vec("w", k)));
        }
        ParamView last = vec("w", 100f);
        ClipResult r = clipper.clip(List.of(last));
        // history 1..100 (current norm appended first); np.percentile(range(1, 101), 10): v = 99 * 0.1 = 9.9,
        // between 10 and 11 at t = 0.9 -> 10.9; c = 10.9 / (100 + 1e-6) = 0.10899999891
        assertThat(r.totalNorm()).isEqualTo(100.0);
        assertThat(r.threshold()).isEqualTo(10.9);
        assertThat(r.coefficient()).isEqualTo(10.9 / (100 + 1e-6));
        assertThat(last.grad()).containsExactly((float) (100 * (10.9 / (100 + 1e-6)))); // 10.899999618530273f
        assertThat(clipper.historySize()).isEqualTo(100);
    }

    @Test
    void aStepAtTheThresholdIsScaledByTheEpsLikeTheReference() {
        Clipper clipper = new Clipper(new ClipPolicy.AutoClip(50, 0));
        ParamView first = vec("w", 3f, 4f);
        ClipResult r = clipper.clip(List.of(first));
        // history [5]; threshold 5; clip_grad_norm_(max_norm=5): c = 5 / 5.000001 < 1
        assertThat(r.threshold()).isEqualTo(5.0);
        assertThat(r.coefficient()).isEqualTo(5 / 5.000001);
        float c = (float) (5 / 5.000001); // float32 multiply by the float32 coefficient, as torch's mul_
        assertThat(first.grad()).containsExactly(3f * c, 4f * c);
    }

    @Test
    void boundedHistoryKeepsTheLastNNorms() {
        Clipper clipper = new Clipper(new ClipPolicy.AutoClip(50, 3));
        for (float g : new float[] {10f, 20f, 30f}) {
            clipper.clip(List.of(vec("w", g)));
        }
        ParamView g40 = vec("w", 40f);
        ClipResult r = clipper.clip(List.of(g40));
        // window [20, 30, 40] (10 evicted); median 30; c = 30 / 40.000001
        assertThat(clipper.history()).containsExactly(20.0, 30.0, 40.0);
        assertThat(r.threshold()).isEqualTo(30.0);
        assertThat(g40.grad()).containsExactly((float) (40 * (30 / 40.000001)));
        ClipResult r5 = clipper.clip(List.of(vec("w", 1f)));
        // window [30, 40, 1] -> sorted [1, 30, 40], median 30; 1 < 30 -> unchanged
        assertThat(clipper.history()).containsExactly(30.0, 40.0, 1.0);
        assertThat(r5.threshold()).isEqualTo(30.0);
        assertThat(r5.clipped()).isFalse();
    }

    @Test
    void nonFiniteNormIsNotRecordedButTheStepIsScaledLikeClipGradNorm() {
        Clipper clipper = new Clipper(new ClipPolicy.AutoClip(50, 0));
        clipper.clip(List.of(vec("w", 2f)));
        ParamView inf = vec("w", Float.POSITIVE_INFINITY, 1f);
        ClipResult r = clipper.clip(List.of(inf));
        // threshold stays the median of [2]; c = 2 / inf = 0 -> [nan, 0] as clip_grad_norm_
        assertThat(clipper.history()).containsExactly(2.0);
        assertThat(r.threshold()).isEqualTo(2.0);
        assertThat(r.coefficient()).isEqualTo(0.0);
        assertThat(inf.grad()[0]).isNaN();
        assertThat(inf.grad()[1]).isEqualTo(0f);
        ClipResult next = clipper.clip(List.of(vec("w", 1f)));
        assertThat(next.threshold()).isEqualTo(1.5); // median of [2, 1], not poisoned by the inf
    }

    @Test
    void resetForgetsTheHistory() {
        Clipper clipper = new Clipper(new ClipPolicy.AutoClip(50, 0));
        clipper.clip(List.of(vec("w", 2f)));
        clipper.reset();
        assertThat(clipper.historySize()).isZero();
        assertThat(clipper.clip(List.of(vec("w", 7f))).threshold()).isEqualTo(7.0);
    }

    @Test
    void boundedWindowAgreesWithADequeSortedEveryStep() {
        Random random = new Random(42);
        NormHistory h = new NormHistory(7);
        ArrayDeque<Double> naive = new ArrayDeque<>();
        for (int step = 0; step < 500; step++) {
            double x = random.nextInt(4) == 0 ? 1.0 : random.nextDouble() * 10; // repeated values too
            h.add(x);
            naive.addLast(x);
            if (naive.size() > 7) {
                naive.removeFirst();
            }
            double[] sorted = naive.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double p = random.nextDouble() * 100;
            double v = (sorted.length - 1) * (p / 100); // numpy linear, as NormHistory.percentile documents
            int lo = (int) Math.floor(v);
            double expected = lo + 1 >= sorted.length ? sorted[sorted.length - 1]
                    : v - lo >= 0.5 ? sorted[lo + 1] - (sorted[lo + 1] - sorted[lo]) * (1 - (v - lo))
                    : sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (v - lo);
            assertThat(h.values()).containsExactly(naive.stream().mapToDouble(Double::doubleValue).toArray());
            assertThat(h.percentile(p)).as("step %d, p %s, window %s", step, p, Arrays.toString(sorted))
                    .isEqualTo(expected);
        }
    }

    @Test
    void historyRejectsNonFiniteValues() {
        assertThatThrownBy(() -> new NormHistory(0).add(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got NaN");
    }
}
