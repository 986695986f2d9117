package io.gradguard.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.io.FileFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReaderTest {
    @TempDir
    Path tmp;

    private RunReader run() throws IOException {
        Files.writeString(tmp.resolve(RunDirectory.SPEC), "name: t\n");
        return RunReader.open(tmp);
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(tmp.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void opensOnlyRunDirectories() {
        assertThatThrownBy(() -> RunReader.open(tmp)).isInstanceOf(IOException.class)
                .hasMessageContaining(tmp + " is not a run directory (no spec.yaml)");
    }

    @Test
    void absentFilesReadAsEmpty() throws IOException {
        RunReader r = run();
        assertThat(r.specYaml()).isEqualTo("name: t\n");
        assertThat(r.name()).isEqualTo(tmp.getFileName().toString());
        assertThat(r.manifest()).isEmpty();
        assertThat(r.diagnosis()).isEmpty();
        assertThat(r.steps()).isEmpty();
        assertThat(r.epochs()).isEmpty();
        assertThat(r.inspection()).isEmpty();
        assertThat(r.incidents()).isEmpty();
        assertThat(r.modified(RunDirectory.METRICS)).isEmpty();
        assertThat(r.modified(RunDirectory.SPEC)).isPresent();
        RunReader.Chunk c = r.readMetrics(RunReader.Position.START, 1024);
        assertThat(c.rows()).isEmpty();
        assertThat(c.next()).isEqualTo(RunReader.Position.START);
    }

    @Test
    void readsJsonFiles() throws IOException {
        RunReader r = run();
        append(DiagnosisFile.NAME, "{\"incidents\": {\"non_finite\": 2}, \"causes\": []}");
        append(RunDirectory.INSPECTION, "{\"overall\": \"exploding\", \"layers\": [{\"gain\": \"inf\"}]}");
        assertThat(r.diagnosis().orElseThrow()).containsEntry("incidents", Map.of("non_finite", 2));
        assertThat(r.inspection().orElseThrow()).containsEntry("overall", "exploding");
    }

    @Test
    void malformedJsonFileNamesTheFile() throws IOException {
        RunReader r = run();
        append(RunDirectory.MANIFEST, "{\"seed\": ");
        assertThatThrownBy(r::manifest).isInstanceOf(FileFormatException.class)
                .hasMessageContaining(tmp.resolve("manifest.json") + ": malformed JSON");
        append(DiagnosisFile.NAME, "[1, 2]");
        assertThatThrownBy(r::diagnosis).isInstanceOf(FileFormatException.class)
                .hasMessageContaining(tmp.resolve("diagnosis.json") + ": malformed JSON");
    }

    @Test
    void followsAGrowingFileAndLeavesAHalfWrittenLineForLater() throws IOException {
        RunReader r = run();
        append(RunDirectory.METRICS, "{\"step\":0,\"loss\":\"NaN\"}\n\n{\"step\":1}\n{\"step\":2,\"lo");
        RunReader.Chunk a = r.readMetrics(RunReader.Position.START, 1 << 16);
        assertThat(a.rows()).extracting(m -> m.get("step")).containsExactly(0, 1);
        assertThat((Double) a.rows().get(0).get("loss")).isNaN();
        assertThat(a.next().line()).isEqualTo(3);

        RunReader.Chunk b = r.readMetrics(a.next(), 1 << 16);
        assertThat(b.rows()).isEmpty();
        assertThat(b.next()).isEqualTo(a.next());

        append(RunDirectory.METRICS, "ss\":0.5}\n{\"step\":3}\n");
        RunReader.Chunk c = r.readMetrics(b.next(), 1 << 16);
        assertThat(c.rows()).containsExactly(Map.of("step", 2, "loss", 0.5), Map.of("step", 3));
        assertThat(c.next().line()).isEqualTo(5);
        assertThat(c.next().offset()).isEqualTo(Files.size(tmp.resolve(RunDirectory.METRICS)));
        assertThat(r.steps()).isEmpty(); // rows without "kind": the whole-file readers select by kind
    }

    @Test
    void readsInChunksOfAboutMaxBytesAndPastALongerLine() throws IOException {
        RunReader r = run();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append("{\"step\":").append(i).append("}\n");
        }
        sb.append("{\"step\":100,\"pad\":\"").append("x".repeat(5000)).append("\"}\n");
        append(RunDirectory.INCIDENTS, sb.toString());
        RunReader.Position p = RunReader.Position.START;
        int chunks = 0;
        List<Object> steps = new java.util.ArrayList<>();
        do {
            RunReader.Chunk c = r.readIncidents(p, 100);
            c.rows().forEach(m -> steps.add(m.get("step")));
            if (c.next().equals(p)) {
                break;
            }
            p = c.next();
            chunks++;
        } while (true);
        assertThat(steps).hasSize(101).startsWith(0, 1, 2).endsWith(99, 100);
        assertThat(chunks).isGreaterThan(10);
        assertThat(r.incidents()).hasSize(101);
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        RunReader r = run();
        append(RunDirectory.METRICS, "{\"step\":0}\n{\"step\":\n");
        assertThatThrownBy(() -> r.readMetrics(RunReader.Position.START, 1024))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining(tmp.resolve("metrics.jsonl") + ":2: malformed JSON");
    }

    @Test
    void aFileThatShrankIsAnError() throws IOException {
        RunReader r = run();
        append(RunDirectory.METRICS, "{\"step\":0}\n{\"step\":1}\n");
        RunReader.Chunk c = r.readMetrics(RunReader.Position.START, 1024);
        Files.writeString(tmp.resolve(RunDirectory.METRICS), "{\"step\":0}\n");
        assertThatThrownBy(() -> r.readMetrics(c.next(), 1024)).isInstanceOf(IOException.class)
                .hasMessageContaining("metrics.jsonl shrank to 11 bytes below the 22 already read");
    }

    @Test
    void badArgumentsAreRejected() throws IOException {
        RunReader r = run();
        assertThatThrownBy(() -> r.modified("../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../etc/passwd' is not a run file");
        assertThatThrownBy(() -> new RunReader.Position(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -1, 0");
        assertThatThrownBy(() -> r.readMetrics(RunReader.Position.START, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBytes must be >= 1, got 0");
    }
}
