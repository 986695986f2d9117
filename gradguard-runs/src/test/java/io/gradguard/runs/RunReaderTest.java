package io.gradguard.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.io.FileFormatException;
import io.gradguard.io.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsWhatTheRecordersWrite() throws IOException {
        RunDirectory dir = RunDirectory.createUnder(tmp, "r");
        dir.writeSpec("name: r\n");
        dir.writeManifest(Map.of("seed", 7));
        try (JsonLines.Appender out = JsonLines.appender(dir.metrics(), 1)) {
            out.append(row("step", 0, Double.NaN));
            out.append(row("step", 1, 0.5));
            out.append(row("epoch", 1, 0.4));
        }
        try (JsonLines.Appender out = JsonLines.appender(dir.incidents(), 1)) {
            out.append(Map.of("step", 0, "kind", "non_finite"));
        }
        RunReader r = RunReader.open(dir.root());
        assertThat(r.name()).isEqualTo("r");
        assertThat(r.specYaml()).isEqualTo("name: r\n");
        assertThat(r.manifest()).containsEntry("seed", 7);
        assertThat(r.steps()).hasSize(2);
        assertThat((Double) r.steps().get(0).get("loss")).isNaN();
        assertThat(r.epochs()).singleElement().satisfies(e -> assertThat(e).containsEntry("loss", 0.4));
        assertThat(r.incidents()).singleElement().satisfies(i -> assertThat(i).containsEntry("kind", "non_finite"));
        assertThat(r.diagnosis()).isEmpty();
        assertThat(r.inspection()).isEmpty();
    }

    @Test
    void aRunWithoutMetricsReadsAsEmpty() throws IOException {
        RunDirectory dir = RunDirectory.createUnder(tmp, "fresh");
        dir.writeSpec("name: fresh\n");
        RunReader r = RunReader.open(dir.root());
        assertThat(r.steps()).isEmpty();
        assertThat(r.incidents()).isEmpty();
        assertThat(r.manifest()).isEmpty();
    }

    @Test
    void aDirectoryWithoutSpecIsNotARun() {
        assertThatThrownBy(() -> RunReader.open(tmp)).isInstanceOf(IOException.class)
                .hasMessageContaining(tmp.toString()).hasMessageContaining("no spec.yaml");
    }

    @Test
    void aMalformedManifestNamesItsFile() throws IOException {
        RunDirectory dir = RunDirectory.createUnder(tmp, "bad");
        dir.writeSpec("name: bad\n");
        Files.writeString(dir.manifest(), "{\"seed\": ");
        assertThatThrownBy(() -> RunReader.open(dir.root()).manifest()).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("manifest.json");
    }

    private static Map<String, Object> row(String kind, int step, double loss) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("step", step);
        m.put("loss", loss);
        return m;
    }
}
