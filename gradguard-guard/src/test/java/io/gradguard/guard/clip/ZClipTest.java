package io.gradguard.guard.clip;

import static io.gradguard.guard.clip.Params.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.ParamView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pinned against bluorion-com/ZClip's ZClip.step (max_grad_norm=None): the numbers after "reference" were
 * printed by a line-for-line Python replica of that step (no torch needed: it only touches the norm).
 */
class ZClipTest {
    private static final ClipPolicy.ZClip.Mode ADAPTIVE = ClipPolicy.ZClip.Mode.ADAPTIVE_SCALING;

    private static Clipper warmedUp(ClipPolicy.ZClip.Mode mode) {
        Clipper clipper = new Clipper(new ClipPolicy.ZClip(0.97, 2.5, 3, mode));
        for (float g : new float[] {1f, 2f, 3f}) {
            ClipResult r = clipper.clip(List.of(vec("w", g)));
            assertThat(r.clipped()).isFalse();
            assertThat(r.threshold()).isNaN();
        }
        return clipper;
    }

    @Test
    void warmUpInitialisesMeanAndPopulationVariance() {
        Clipper clipper = new Clipper(new ClipPolicy.ZClip(0.97, 2.5, 3, ADAPTIVE));
        clipper.clip(List.of(vec("w", 1f)));
        assertThat(clipper.emaMean()).isEmpty();
        assertThat(clipper.historySize()).isEqualTo(1);
        clipper.clip(List.of(vec("w", 2f)));
        clipper.clip(List.of(vec("w", 3f)));
        // mu = (1 + 2 + 3) / 3 = 2; var = (1 + 0 + 1) / 3 = 2/3
        assertThat(clipper.emaMean()).hasValue(2.0);
        assertThat(clipper.emaVar()).hasValue(2.0 / 3);
        assertThat(clipper.historySize()).isZero();
    }

    @Test
    void spikeIsClippedWithTheReciprocalZAdjustmentAndTheEmaTakesTheClippedNorm() {
        Clipper clipper = warmedUp(ADAPTIVE);
        ParamView spike = vec("w", 6f, 8f); // norm 10
        ClipResult r = clipper.clip(List.of(spike));
        // sigma = sqrt(2/3) = 0.8164966; z = (10 - 2) / (sigma + 1e-6) = 9.79794 > 2.5
        // eta = z / 2.5; target = 2 + 2.5 sigma / eta = 2 + 6.25 sigma (sigma + 1e-6) / 8 = 2.5208340 (reference 2.520833971221287)
        double sigma = Math.sqrt(2.0 / 3);
        double target = 2 + 6.25 * sigma * (sigma + 1e-6) / 8;
        assertThat(r.threshold()).isCloseTo(2.520833971221287, within(1e-15)).isCloseTo(target, within(1e-15));
        assertThat(r.coefficient()).isCloseTo(0.25208337191379154, within(1e-15)); // target / (10 + 1e-6)
        assertThat(r.clipped()).isTrue();
        assertThat(spike.grad()).containsExactly(new float[] {6f * 0.25208337f, 8f * 0.25208337f}, within(1e-6f));
        // EMA with the clipped norm: mu = 0.97 * 2 + 0.03 * 2.5208340 = 2.0156250;
        // var = 0.97 * 2/3 + 0.03 * (2.5208340 - 2.0156250)^2 = 0.6543237 (reference)
        assertThat(clipper.emaMean().getAsDouble()).isCloseTo(2.0156250191366385, within(1e-15));
        assertThat(clipper.emaVar().getAsDouble()).isCloseTo(0.6543237492246606, within(1e-15));

        ParamView calm = vec("w", 2.1f);
        ClipResult r2 = clipper.clip(List.of(calm));
        // z = (2.1 - 2.0156) / 0.809 = 0.1 < 2.5: unchanged, EMA takes 2.1 (reference mu 2.018156268562539, var 0.634894988639189)
        assertThat(r2.clipped()).isFalse();
        assertThat(calm.grad()).containsExactly(2.1f);
        assertThat(r2.threshold()).isCloseTo(2.0156250191366385 + 2.5 * (Math.sqrt(0.6543237492246606) + 1e-6), within(1e-12));
        assertThat(clipper.emaMean().getAsDouble()).isCloseTo(2.018156268562539, within(1e-7)); // 2.1f is not 2.1
        assertThat(clipper.emaVar().getAsDouble()).isCloseTo(0.634894988639189, within(1e-7));
    }

    @Test
    void meanOptionClipsToTheMean() {
        Clipper clipper = warmedUp(ClipPolicy.ZClip.Mode.MEAN);
        ParamView spike = vec("w", 6f, 8f);
        ClipResult r = clipper.clip(List.of(spike));
        // target = mu = 2; c = 2 / 10.000001 (reference 0.19999998000000202); EMA: mu 2.0, var 0.97 * 2/3 = 0.6466667
        assertThat(r.threshold()).isEqualTo(2.0);
        assertThat(r.coefficient()).isEqualTo(0.19999998000000202);
        assertThat(clipper.emaMean()).hasValue(2.0);
        assertThat(clipper.emaVar().getAsDouble()).isCloseTo(0.6466666666666666, within(1e-15));
    }

    @Test
    void percentileModeClipsToMeanPlusZSigma() {
        Clipper clipper = warmedUp(ClipPolicy.ZClip.Mode.PERCENTILE);
        ClipResult r = clipper.clip(List.of(vec("w", 6f, 8f)));
        // target = 2 + 2.5 sqrt(2/3) = 4.0412415 (reference 4.041241452319316); c = target / 10.000001
        assertThat(r.threshold()).isCloseTo(4.041241452319316, within(1e-15));
        assertThat(r.coefficient()).isCloseTo(0.4041241048195211, within(1e-15));
        assertThat(clipper.emaMean().getAsDouble()).isCloseTo(2.0612372435695794, within(1e-15));
        assertThat(clipper.emaVar().getAsDouble()).isCloseTo(0.7642791666666668, within(1e-15));
    }

    @Test
    void nonFiniteNormsLeaveTheStatisticsAlone() {
        Clipper clipper = new Clipper(new ClipPolicy.ZClip(0.97, 2.5, 3, ADAPTIVE));
        clipper.clip(List.of(vec("w", Float.NaN))); // not collected during warm-up
        assertThat(clipper.historySize()).isZero();
        clipper = warmedUp(ADAPTIVE);
        ClipResult nan = clipper.clip(List.of(vec("w", Float.NaN)));
        assertThat(nan.clipped()).isFalse(); // z = NaN is not > z_thresh, as the reference
        assertThat(clipper.emaMean()).hasValue(2.0);
        ParamView inf = vec("w", Float.POSITIVE_INFINITY, 1f);
        ClipResult r = clipper.clip(List.of(inf));
        // z = inf -> eta = inf -> target = mu + 0 = 2; c = 2 / inf = 0 (reference); EMA takes the target 2
        assertThat(r.threshold()).isEqualTo(2.0);
        assertThat(r.coefficient()).isEqualTo(0.0);
        assertThat(inf.grad()[1]).isEqualTo(0f);
        assertThat(clipper.emaMean()).hasValue(2.0);
    }

    @Test
    void resetStartsTheWarmUpAgain() {
        Clipper clipper = warmedUp(ADAPTIVE);
        clipper.reset();
        assertThat(clipper.emaMean()).isEmpty();
        ClipResult r = clipper.clip(List.of(vec("w", 100f)));
        assertThat(r.clipped()).isFalse();
        assertThat(clipper.historySize()).isEqualTo(1);
    }
}
