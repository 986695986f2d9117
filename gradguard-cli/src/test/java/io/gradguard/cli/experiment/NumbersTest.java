package io.gradguard.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void formatsThreeSignificantDigitsWithoutTrailingZeros() {
        assertThat(Num.fmt(0.5)).isEqualTo("0.5");
        assertThat(Num.fmt(1.0986)).isEqualTo("1.1");
        assertThat(Num.fmt(0.0123456)).isEqualTo("0.0123");
        assertThat(Num.fmt(123.456)).isEqualTo("123");
        assertThat(Num.fmt(3042.4)).isEqualTo("3042");
        assertThat(Num.fmt(42)).isEqualTo("42");
        assertThat(Num.fmt(1.8e-6)).isEqualTo("1.80e-06");
        assertThat(Num.fmt(5.06e14)).isEqualTo("5.06e+14");
        assertThat(Num.fmt(Double.NaN)).isEqualTo("NaN");
        assertThat(Num.fmt(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(Num.pct(0.125)).isEqualTo("12.5%");
    }

    @Test
    void aSpreadSummarisesFiniteValuesAndCountsTheOthers() {
        assertThat(Spread.of(new double[] {1, 2, 3})).hasToString("2 (1..3)");
        assertThat(Spread.of(new double[] {0.5, 0.5})).hasToString("0.5");
        Spread s = Spread.of(new double[] {1, Double.NaN, 3});
        assertThat(s.mean()).isEqualTo(2);
        assertThat(s.nonFinite()).isEqualTo(1);
        assertThat(s).hasToString("2 (1..3); NaN/Inf on 1 of 3");
        assertThat(Spread.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY})).hasToString("NaN/Inf on all 2");
        // geometric mean of 1e-2 and 1e2 is 1
        assertThat(Spread.geometric(new double[] {1e-2, 1e2}).mean()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThatThrownBy(() -> Spread.of(new double[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one value");
    }

    @Test
    void theGrowthFitRecoversAGeometricFactorAndIgnoresNothingSilently() {
        double[] norms = new double[10];
        for (int l = 0; l < norms.length; l++) {
            norms[l] = 3 * Math.pow(0.25, norms.length - 1 - l); // each layer toward the input: x0.25
        }
        assertThat(Fit.growthTowardInput(norms, 0, 10)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Fit.growthTowardInput(norms, 2, 5)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
        norms[4] = Double.NaN;
        assertThat(Fit.growthTowardInput(norms, 0, 10)).isNaN();
        assertThat(Fit.growthTowardInput(norms, 0, 1)).as("one layer has no slope").isNaN();
    }

    @Test
    void theHighestGoodValueStopsAtTheFirstBadOne() {
        double[] x = {0.1, 0.3, 1, 3};
        assertThat(Fit.lastGoodBeforeFirstBad(x, new boolean[] {false, false, true, false})).isEqualTo(0.3);
        assertThat(Fit.lastGoodBeforeFirstBad(x, new boolean[] {false, false, false, false})).isEqualTo(3);
        assertThat(Fit.lastGoodBeforeFirstBad(x, new boolean[] {true, false, false, false})).isNaN();
    }

    @Test
    void tablesRejectRowsOfTheWrongWidthAndFormatCells() {
        ResultTable t = new ResultTable("a", "b", "c").row("x", 0.5, true);
        assertThat(t.rows().get(0)).containsExactly("x", "0.5", "yes");
        assertThatThrownBy(() -> t.row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 3 columns but the row has 1 cells");
    }

    @Test
    void csvAndMarkdownEscapeTheirSeparators() {
        java.util.List<String> cols = java.util.List.of("name", "note");
        java.util.List<java.util.List<String>> rows = java.util.List.of(java.util.List.of("a,b", "say \"hi\" | bye"));
        assertThat(SuiteWriter.csv(cols, rows)).isEqualTo("name,note\n\"a,b\",\"say \"\"hi\"\" | bye\"\n");
        assertThat(SuiteWriter.mdTable(cols, rows)).contains("| a,b | say \"hi\" \\| bye |");
    }
}
