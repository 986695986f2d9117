package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void threeSignificantDigitsPlainInRangeScientificOutside() {
        assertThat(Fmt.num(17.0)).isEqualTo("17");
        assertThat(Fmt.num(12.5)).isEqualTo("12.5");
        assertThat(Fmt.num(1.98189)).isEqualTo("1.98");
        assertThat(Fmt.num(0.001)).isEqualTo("0.001");
        assertThat(Fmt.num(32000)).isEqualTo("32000");
        assertThat(Fmt.num(123456)).isEqualTo("1.23e5");
        assertThat(Fmt.num(-1.2e-5)).isEqualTo("-1.2e-5");
        assertThat(Fmt.num(1e30)).isEqualTo("1e30");
        assertThat(Fmt.num(0)).isEqualTo("0");
        assertThat(Fmt.num(Double.NaN)).isEqualTo("NaN");
    }
}
