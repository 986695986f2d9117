package io.gradguard.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SigmoidWindowCommandTest {
    @Test
    void tableHasClosedFormBesideNumericalAndTheWidestWindow() {
        Cli r = Cli.run("analyze", "sigmoid-window", "--w-max", "10", "--b", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        // |w| = 8, b = 1: width 0.440687 (hand computed in SigmoidWindowTest), centred on -1/8.
        assertThat(r.out()).containsPattern("\\n +8 +-0\\.345343 +0\\.0953434 +0\\.440687 +0\\.440687 ");
        assertThat(r.out()).containsPattern("\\n +4 +- +- +0 +0 +0\\n");
        assertThat(r.out()).contains("widest window:  0.447743", "reached at |w|: 6.89415");
        assertThat(r.out()).contains("\n6.9  ").doesNotContain("\n 11 ");
    }

    @Test
    void rejectsWeightsBelowFour() {
        Cli r = Cli.run("analyze", "sigmoid-window", "--w-max", "3");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().trim()).isEqualTo(
                "gradguard analyze sigmoid-window: --w-max must be in [4, 1e6] (the window is empty below |w| = 4), got 3.0");
    }
}
