package io.gradguard.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTest {
    @TempDir
    Path dir;

    record StepMetric(int step, double loss, double gradNorm, String phase) {
    }

    @Test
    void nonFiniteNumbersRoundTripThroughStrings() throws IOException {
        Path p = dir.resolve("metrics.jsonl");
        try (JsonLines.Appender a = JsonLines.appender(p, 10)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", 1);
            m.put("loss", Double.NaN);
            m.put("norms", List.of(1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
            m.put("f", Float.NaN);
            a.append(m);
            a.append(new StepMetric(2, 0.25, Double.POSITIVE_INFINITY, "train"));
        }
        List<String> lines = Files.readAllLines(p);
        assertThat(lines).containsExactly(
                "{\"step\":1,\"loss\":\"NaN\",\"norms\":[1.5,\"Infinity\",\"-Infinity\"],\"f\":\"NaN\"}",
                "{\"step\":2,\"loss\":0.25,\"gradNorm\":\"Infinity\",\"phase\":\"train\"}");
        List<Map<String, Object>> rows = JsonLines.read(p);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("step")).isEqualTo(1);
        assertThat((Double) rows.get(0).get("loss")).isNaN();
        assertThat(rows.get(0).get("norms"))
                .isEqualTo(List.of(1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        assertThat(rows.get(1)).containsEntry("gradNorm", Double.POSITIVE_INFINITY).containsEntry("phase", "train")
                .containsEntry("loss", 0.25);
    }

    @Test
    void flushesEveryNLinesAndOnClose() throws IOException {
        Path p = dir.resolve("m.jsonl");
        JsonLines.Appender a = JsonLines.appender(p, 3);
        a.append(Map.of("i", 1));
        a.append(Map.of("i", 2));
        assertThat(Files.size(p)).isZero(); // still buffered
        a.append(Map.of("i", 3));
        assertThat(Files.readAllLines(p)).hasSize(3);
        a.append(Map.of("i", 4));
        a.flush();
        assertThat(Files.readAllLines(p)).hasSize(4);
        a.append(Map.of("i", 5));
        a.close();
        assertThat(Files.readAllLines(p)).hasSize(5);
    }

    @Test
    void reopeningAppendsInsteadOfTruncating() throws IOException {
        Path p = dir.resolve("incidents.jsonl");
        try (JsonLines.Appender a = JsonLines.appender(p, 1)) {
            a.append(Map.of("step", 1));
        }
        try (JsonLines.Appender a = JsonLines.appender(p, 1)) {
            a.append(Map.of("step", 2));
        }
        assertThat(JsonLines.read(p)).extracting(m -> m.get("step")).containsExactly(1, 2);
    }

    @Test
    void malformedLinesNameTheirLineNumber() throws IOException {
        Path p = dir.resolve("bad.jsonl");
        Files.writeString(p, "{\"a\":1}\n\n{\"a\":2\n");
        assertThatThrownBy(() -> JsonLines.read(p)).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(p + ":3: malformed JSON: ");
        Files.writeString(p, "{\"a\":1}\n[1,2]\n");
        assertThatThrownBy(() -> JsonLines.read(p)).hasMessage(p + ":2: expected a JSON object, got [1,2]");
    }

    @Test
    void rejectsAZeroFlushInterval() {
        assertThatThrownBy(() -> JsonLines.appender(dir.resolve("x"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JsonLines flushEvery must be >= 1, got 0");
    }
}
