package io.gradguard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.io.FileFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {
    @TempDir
    Path dir;

    private Path csv(String content) throws IOException {
        Path p = dir.resolve("data.csv");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void loadsClassificationMappingSortedLabelsToIndices() throws IOException {
        Dataset ds = CsvLoader.load(csv("x1,x2,label\n1,2,cat\n3,4,ant\n5,6,cat\n7,8,bee\n"),
                CsvOptions.classification("label"));
        assertThat(ds.name()).isEqualTo("data");
        assertThat(ds.features().shape()).containsExactly(4, 2);
        assertThat(ds.features().data()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(ds.numClasses()).isEqualTo(3);
        assertThat(ds.classNames()).containsExactly("ant", "bee", "cat");
        assertThat(ds.targets().data()).containsExactly(2, 0, 2, 1);
    }

    @Test
    void numericLabelsSortAsNumbers() throws IOException {
        Dataset ds = CsvLoader.load(csv("y,x\n10,0\n2,0\n2.0,0\n-1,0\n"), CsvOptions.classification("y"));
        // -1 < 2 = 2.0 < 10; "2" and "2.0" are one class, named as first seen
        assertThat(ds.classNames()).containsExactly("-1", "2", "10");
        assertThat(ds.targets().data()).containsExactly(2, 1, 1, 0);
    }

    @Test
    void loadsRegressionTargetsAsAColumn() throws IOException {
        Dataset ds = CsvLoader.load(csv("a,y,b\n1,0.5,2\n3,-1e-2,4\n"), CsvOptions.regression("y"));
        assertThat(ds.numClasses()).isZero();
        assertThat(ds.targets().shape()).containsExactly(2, 1);
        assertThat(ds.targets().data()).containsExactly(0.5f, -0.01f);
        assertThat(ds.features().data()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() throws IOException {
        Dataset ds = CsvLoader.load(csv("\"x, one\",\"label\"\n\"1.5\",\"a, \"\"b\"\"\"\n2,\"two\nlines\"\n\"3\",c\n"),
                CsvOptions.classification("label"));
        assertThat(ds.features().data()).containsExactly(1.5f, 2f, 3f);
        assertThat(ds.classNames()).containsExactly("a, \"b\"", "c", "two\nlines");
    }

    @Test
    void skipsBlankLinesAndHandlesCrlfBomAndOtherDelimiters() throws IOException {
        Dataset ds = CsvLoader.load(csv("\uFEFFx;y\r\n\r\n1;0\r\n   \r\n2;1\r\n"),
                CsvOptions.regression("y").withDelimiter(';'));
        assertThat(ds.features().data()).containsExactly(1, 2);
        assertThat(ds.targets().data()).containsExactly(0, 1);
    }

    @Test
    void withoutHeaderTheTargetIsAnIndexCountingFromTheEnd() throws IOException {
        Dataset ds = CsvLoader.load(csv("1,2,0\n3,4,1\n"), CsvOptions.classification("-1").withHeader(false));
        assertThat(ds.features().data()).containsExactly(1, 2, 3, 4);
        assertThat(ds.targets().data()).containsExactly(0, 1);
        Dataset first = CsvLoader.load(csv("1,2,0\n3,4,1\n"), CsvOptions.regression("0").withHeader(false));
        assertThat(first.targets().data()).containsExactly(1, 3);
    }

    @Test
    void notANumberNamesFileLineAndColumn() throws IOException {
        Path p = csv("x1,x2,x3,x4,y\n1,2,3,4,0\n\n1,2,3,abc,1\n");
        assertThatThrownBy(() -> CsvLoader.load(p, CsvOptions.classification("y")))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(p + ":4: column 'x4' (4th): 'abc' is not a number");
    }

    @Test
    void wrongFieldCountNamesTheLine() throws IOException {
        Path p = csv("a,b,c,d,y\n1,2,3,4,0\n1,2,3,0\n");
        assertThatThrownBy(() -> CsvLoader.load(p, CsvOptions.classification("y")))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(p + ":3: expected 5 fields as in the header, found 4");
        Path q = csv("1,2,0\n1,2,3,0\n");
        assertThatThrownBy(() -> CsvLoader.load(q, CsvOptions.classification("2").withHeader(false)))
                .hasMessage(q + ":2: expected 3 fields as in the first row (line 1), found 4");
    }

    @Test
    void missingTargetListsTheColumns() throws IOException {
        Path p = csv("x1,x2,y\n1,2,3\n");
        assertThatThrownBy(() -> CsvLoader.load(p, CsvOptions.classification("label")))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(p + ": target column 'label' not found; columns are: x1, x2, y");
        assertThatThrownBy(() -> CsvLoader.load(p, CsvOptions.classification("7")))
                .hasMessage(p + ": target column index 7 is out of range for 3 columns");
        assertThatThrownBy(() -> CsvLoader.load(p, CsvOptions.classification("y").withHeader(false)))
                .hasMessage(p + ": target 'y' must be a 0-based column index because the file has no header");
    }

    @Test
    void nanAndInfinityAreRejected() throws IOException {
        Path p = csv("x1,y\n1,0\nNaN,1\n");
        assertThatThrownBy(() -> CsvLoader.load(p, CsvOptions.classification("y")))
                .isInstanceOf(FileFormatException.class)
                .hasMessage(p + ":3: column 'x1': NaN is not allowed in the data");
        Path q = csv("x1,y\n-inf,0\n");
        assertThatThrownBy(() -> CsvLoader.load(q, CsvOptions.classification("y")))
                .hasMessage(q + ":2: column 'x1' (1st): '-inf' is infinite (or beyond the float range), which is "
                        + "not allowed in the data");
        Path r = csv("x1,y\n1e39,0\n");
        assertThatThrownBy(() -> CsvLoader.load(r, CsvOptions.regression("y")))
                .hasMessageStartingWith(r + ":2: column 'x1' (1st): '1e39' is infinite");
    }

    @Test
    void missingValuesAreReported() throws IOException {
        Path p = csv("x1,x2,y\n1,,0\n");
        assertThatThrownBy(() -> CsvLoader.load(p, CsvOptions.classification("y")))
                .hasMessage(p + ":2: column 'x2' (2nd): the value is missing");
        Path q = csv("x1,y\n1,\n");
        assertThatThrownBy(() -> CsvLoader.load(q, CsvOptions.classification("y")))
                .hasMessage(q + ":2: target column 'y': the label is missing");
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        Path empty = csv("\n\n");
        assertThatThrownBy(() -> CsvLoader.load(empty, CsvOptions.classification("y")))
                .isInstanceOf(FileFormatException.class).hasMessage(empty + " is empty");
        Path header = csv("x,y\n");
        assertThatThrownBy(() -> CsvLoader.load(header, CsvOptions.classification("y")))
                .hasMessage(header + " has a header but no data rows");
    }

    @Test
    void quotingErrorsNameTheLine() throws IOException {
        Path open = csv("x,y\n1,\"a\n2,b\n");
        assertThatThrownBy(() -> CsvLoader.load(open, CsvOptions.classification("y")))
                .hasMessage(open + ":2: the quoted 2nd field of the record starting on line 2 is never closed");
        Path trailing = csv("x,y\n\"1\"x,a\n");
        assertThatThrownBy(() -> CsvLoader.load(trailing, CsvOptions.classification("y")))
                .hasMessage(trailing + ":2: unexpected character 'x' after the closing quote of the 1st field");
    }

    @Test
    void lineNumbersCountLinesInsideQuotedFields() throws IOException {
        Path p = csv("x,y\n1,\"multi\nline\"\nbad,b\n");
        assertThatThrownBy(() -> CsvLoader.load(p, CsvOptions.classification("y")))
                .hasMessage(p + ":4: column 'x' (1st): 'bad' is not a number");
    }

    @Test
    void ambiguousTargetAndTooFewColumns() throws IOException {
        Path p = csv("y,x,y\n1,2,3\n");
        assertThatThrownBy(() -> CsvLoader.load(p, CsvOptions.regression("y")))
                .hasMessage(p + ": target column 'y' is ambiguous: it names the 1st and the 3rd columns");
        Path q = csv("y\n1\n");
        assertThatThrownBy(() -> CsvLoader.load(q, CsvOptions.regression("y")))
                .hasMessage(q + ": needs a target and at least one feature column, found 1 column");
    }

    @Test
    void nonUtf8TextIsReported() throws IOException {
        Path p = dir.resolve("latin1.csv");
        Files.write(p, new byte[] {'x', ',', 'y', '\n', (byte) 0xE9, ',', '1', '\n'});
        assertThatThrownBy(() -> CsvLoader.load(p, CsvOptions.regression("y")))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(p + " is not UTF-8 text");
    }

    @Test
    void ordinals() {
        assertThat(CsvLoader.ordinal(1)).isEqualTo("1st");
        assertThat(CsvLoader.ordinal(2)).isEqualTo("2nd");
        assertThat(CsvLoader.ordinal(3)).isEqualTo("3rd");
        assertThat(CsvLoader.ordinal(4)).isEqualTo("4th");
        assertThat(CsvLoader.ordinal(11)).isEqualTo("11th");
        assertThat(CsvLoader.ordinal(12)).isEqualTo("12th");
        assertThat(CsvLoader.ordinal(22)).isEqualTo("22nd");
        assertThat(CsvLoader.ordinal(113)).isEqualTo("113th");
    }

    @Test
    void optionsQuoteBadValues() {
        assertThatThrownBy(() -> new CsvOptions(" ", true, ',', CsvOptions.Task.REGRESSION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CsvOptions target must name a column, got ' '");
        assertThatThrownBy(() -> CsvOptions.regression("y").withDelimiter('"'))
                .hasMessage("CsvOptions delimiter cannot be a quote or a line break, got '\"'");
    }
}
