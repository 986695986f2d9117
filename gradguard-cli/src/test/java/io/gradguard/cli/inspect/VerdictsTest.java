package io.gradguard.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictsTest {
    @Test
    void chainExplodesOnTheProductOrOnAPerLayerGainOverFourLayers() {
        assertThat(Verdicts.chain(2e3, Double.NaN, 2).verdict()).isEqualTo(Verdict.EXPLODING);
        // 1.6^4 = 6.55 < 1e3, but 1.6 > 1.5 per layer over 4 layers.
        assertThat(Verdicts.chain(Math.pow(1.6, 4), Double.NaN, 4).verdict()).isEqualTo(Verdict.EXPLODING);
        // 1.6^3 over 3 layers: too shallow for the per-layer rule.
        assertThat(Verdicts.chain(Math.pow(1.6, 3), Double.NaN, 3).verdict()).isEqualTo(Verdict.OK);
        assertThat(Verdicts.chain(Math.pow(1.4, 4), Double.NaN, 4).verdict()).isEqualTo(Verdict.OK);
        Finding v = Verdicts.chain(Math.pow(0.5, 4), Math.pow(0.25, 4), 4);
        assertThat(v.verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(v.detail()).contains("0.5 per layer", "theory 0.25 per layer", "shrinks about 2x per layer");
        assertThat(Verdicts.chain(5e-4, Double.NaN, 1).verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(Verdicts.chain(Double.POSITIVE_INFINITY, Double.NaN, 3).verdict()).isEqualTo(Verdict.EXPLODING);
        assertThat(Verdicts.chain(Double.NaN, Double.NaN, 0).verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void recurrentRadiusAboveOneExplodesAndAPlainRnnFarBelowOneVanishes() {
        Finding up = Verdicts.recurrent(new RecurrentRow("layers.0", "rnn", 0, "h", 1.5, 1.5, 100));
        assertThat(up.verdict()).isEqualTo(Verdict.EXPLODING);
        assertThat(up.detail()).contains("1.5x per step", "4.07e+17"); // 1.5^100 = 4.066e17
        // 0.9^100 = 2.66e-5 < 1e-3.
        assertThat(Verdicts.recurrent(new RecurrentRow("layers.0", "rnn", 0, "h", 0.9, 0.95, 100)).verdict())
                .isEqualTo(Verdict.VANISHING);
        assertThat(Verdicts.recurrent(new RecurrentRow("layers.0", "lstm", 0, "f", 0.9, 0.95, 100)).verdict())
                .isEqualTo(Verdict.OK);
        assertThat(Verdicts.recurrent(new RecurrentRow("layers.0", "rnn", 0, "h", 0.99, 1.0, 100)).verdict())
                .isEqualTo(Verdict.OK); // 0.99^100 = 0.366
    }

    @Test
    void jacobianThresholds() {
        assertThat(Verdicts.jacobian(new double[] {2e3}).verdict()).isEqualTo(Verdict.EXPLODING);
        assertThat(Verdicts.jacobian(new double[] {Double.POSITIVE_INFINITY}).verdict()).isEqualTo(Verdict.EXPLODING);
        assertThat(Verdicts.jacobian(new double[] {1e-4}).verdict()).isEqualTo(Verdict.VANISHING);
        assertThat(Verdicts.jacobian(new double[] {1.3, 0.2}).verdict()).isEqualTo(Verdict.OK);
    }
}
