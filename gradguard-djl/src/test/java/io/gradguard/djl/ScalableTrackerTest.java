package io.gradguard.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

class ScalableTrackerTest {
    @Test
    void scalesTheWrappedScheduleByEveryFactorSoFar() {
        ScalableTracker lr = new ScalableTracker((Tracker) n -> 1f / n); // a schedule: 1/t
        assertThat(lr.getNewValue("w", 2)).isEqualTo(0.5f);
        lr.scale(0.5);
        lr.scale(0.5);
        assertThat(lr.scale()).isEqualTo(0.25);
        assertThat(lr.getNewValue("w", 2)).isEqualTo(0.125f);
        assertThat(lr.getNewValue(4)).isEqualTo(0.0625f);
    }

    @Test
    void rejectsFactorsOutsideZeroToOne() {
        ScalableTracker lr = ScalableTracker.fixed(0.1f);
        assertThatThrownBy(() -> lr.scale(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learning-rate scale factor must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> lr.scale(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> ScalableTracker.fixed(-1f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ScalableTracker lr must be > 0 and finite, got -1.0");
        assertThatThrownBy(() -> new ScalableTracker(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base tracker");
        assertThat(lr.scale()).isEqualTo(1.0);
    }
}
