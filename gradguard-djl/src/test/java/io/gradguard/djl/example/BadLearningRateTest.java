package io.gradguard.djl.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.runs.RunReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's claim: at SGD lr 0.5 the unguarded DJL run ends in NaN weights, the guarded one trains. */
@Tag("slow")
class BadLearningRateTest {
    @TempDir
    Path tmp;

    @Test
    void theBadLearningRateDestroysTheUnguardedRunAndNotTheGuardedOne() throws Exception {
        BadLearningRate.Outcome bare = BadLearningRate.run(false, 0.5f, 5, tmp);
        BadLearningRate.Outcome guarded = BadLearningRate.run(true, 0.5f, 5, tmp);

        assertThat(bare.nonFinite()).isEqualTo(bare.parameters()).isEqualTo(4801); // 8*64+64 + 64*64+64 + 64+1
        assertThat(bare.epochLosses().get(bare.epochLosses().size() - 1)).isNaN();
        assertThat(bare.valLoss()).isNaN();
        assertThat(bare.destroyed()).isTrue();

        assertThat(guarded.nonFinite()).isZero();
        assertThat(guarded.epochLosses()).hasSize(5).allSatisfy(l -> assertThat(l).isFinite());
        // The target's variance is about 1.75: the guarded network explains most of it.
        assertThat(guarded.valLoss()).isLessThan(1.0);
        assertThat(guarded.destroyed()).isFalse();

        assertThat(RunReader.open(bare.runDirectory()).steps()).hasSize(5 * 32);
        assertThat(RunReader.open(guarded.runDirectory()).steps().get(0)).containsEntry("verdict", "proceed")
                .containsKey("clip");
        assertThat(BadLearningRate.render(0.5f, bare, guarded)).contains("DESTROYED", "trained",
                "4,801 of 4,801 NaN/Inf", "all finite");
    }
}
