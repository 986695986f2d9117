package io.gradguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.io.FileFormatException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvAndHtmlTest {
    static final Path F = Path.of("index.csv");

    @Test
    void csvFollowsRfc4180AndRemembersWhereEachRecordStarts() throws FileFormatException {
        List<Csv.Row> rows = Csv.parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\n\n\"two\nlines\",2,3", F);
        assertThat(rows).containsExactly(new Csv.Row(1, List.of("a", "b", "c")),
                new Csv.Row(2, List.of("x, y", "say \"hi\"", "")),
                new Csv.Row(4, List.of("two\nlines", "2", "3")));
        assertThat(Csv.parse("", F)).isEmpty();
        assertThat(Csv.parse("\"\"\n", F)).containsExactly(new Csv.Row(1, List.of("")));
    }

    @Test
    void csvErrorsNameTheLine() {
        assertThatThrownBy(() -> Csv.parse("a\n\"b\"c\n", F)).isInstanceOf(FileFormatException.class)
                .hasMessage("index.csv:2: text after a closing quote ('c'); inside a quoted field write a quote as \"\"");
        assertThatThrownBy(() -> Csv.parse("a\nb\n\"c,\nd\n", F)).hasMessage("index.csv:3: a quoted field is never closed");
    }

    @Test
    void htmlEscapesEveryMarkupCharacterAndMakesSafeIds() {
        assertThat(Html.esc("<a href=\"x\" title='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(Html.esc(null)).isEmpty();
        assertThat(Html.id("exp-Depth & \"Chain\" <rule>")).isEqualTo("exp-depth-chain-rule");
        assertThat(Html.id("<>")).isEqualTo("x");
        assertThat(Html.link("exp-a b", "<b>").html()).isEqualTo("<a href=\"#exp-a-b\">&lt;b&gt;</a>");
    }

    @Test
    void numbersReadAsTheyShould() {
        assertThat(Fmt.num(3)).isEqualTo("3");
        assertThat(Fmt.num(0.5)).isEqualTo("0.5");
        assertThat(Fmt.num(1.23456e14)).isEqualTo("1.235e+14");
        assertThat(Fmt.num(Double.NaN)).isEqualTo("NaN");
        assertThat(Fmt.num(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(Fmt.dbl("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Fmt.dbl(null)).isNaN();
        assertThat(Fmt.compact(java.util.Map.of("a", List.of(1, 2, 3)), 2)).isEqualTo("{a: [1, 2, ... (3 in all)]}");
    }
}
