package io.gradguard.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.dashboard.RunFixture;
import io.gradguard.io.JsonLines;
import io.gradguard.runs.RunDirectory;
import io.gradguard.runs.RunReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFeedTest {
    @TempDir
    Path tmp;

    private void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void followsARunAsItIsWritten() throws IOException {
        RunDirectory dir = RunDirectory.createAt(tmp.resolve("live"));
        dir.writeSpec("name: live\n");
        RunFeed feed = new RunFeed("live", RunReader.open(dir.root()), RunStatus.LIVE);
        assertThat(feed.poll(Long.MAX_VALUE)).isTrue(); // the spec-only run: nothing recorded yet, first look
        assertThat(feed.poll(Long.MAX_VALUE)).isFalse();
        long v0 = feed.version();

        RunFixture rows = new RunFixture(tmp.resolve("unused"), 100, 2);
        try (JsonLines.Appender out = JsonLines.appender(dir.metrics(), 1)) {
            out.append(rows.stepRow(0));
            out.append(rows.stepRow(1));
        }
        append(dir.metrics(), "{\"kind\":\"step\",\"step\":2,\"lo");
        assertThat(feed.poll(Long.MAX_VALUE)).isTrue();
        assertThat(feed.version()).isGreaterThan(v0);
        assertThat(feed.summary()).containsEntry("steps", 2L).containsEntry("last_step", 1L)
                .containsEntry("status", "live").containsEntry("layers", 2).containsEntry("diagnosis", false);

        append(dir.metrics(), "ss\":0.5}\n");
        append(dir.incidents(), "{\"step\":2,\"kind\":\"non_finite\"}\n");
        Files.writeString(dir.root().resolve("diagnosis.json"), "{\"incidents\":{},\"causes\":[]}");
        assertThat(feed.poll(Long.MAX_VALUE)).isTrue();
        assertThat(feed.summary()).containsEntry("steps", 3L).containsEntry("incidents", 1)
                .containsEntry("diagnosis", true);
        assertThat(feed.file("diagnosis.json")).isPresent();
        assertThat(feed.file("inspection.json")).isEmpty();

        feed.status(RunStatus.FINISHED);
        assertThat(feed.summary()).containsEntry("status", "finished");
        assertThat(feed.error()).isEmpty();
    }

    @Test
    void aMalformedLineStopsTheFollowingAndSaysWhere() throws IOException {
        RunDirectory dir = RunDirectory.createAt(tmp.resolve("bad"));
        dir.writeSpec("name: bad\n");
        append(dir.metrics(), "{\"kind\":\"step\",\"step\":0}\nnot json\n");
        RunFeed feed = new RunFeed("bad", RunReader.open(dir.root()), RunStatus.REPLAY);
        assertThat(feed.poll(Long.MAX_VALUE)).isTrue();
        assertThat(feed.error()).hasValueSatisfying(e -> assertThat(e)
                .contains(dir.metrics() + ":2: malformed JSON"));
        assertThat(feed.summary().get("error")).isEqualTo(feed.error().get());
        append(dir.metrics(), "{\"kind\":\"step\",\"step\":1}\n");
        assertThat(feed.poll(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void aLongBacklogIsReadOverSeveralPollsWithinTheirBudget() throws IOException {
        Path run = new RunFixture(tmp.resolve("long"), 12_000, 3).write();
        RunFeed feed = new RunFeed("long", RunReader.open(run), RunStatus.REPLAY);
        feed.poll(0);
        long first = (Long) feed.summary().get("steps");
        assertThat(first).isPositive().isLessThan(12_000);
        while (feed.poll(0)) {
            // read on
        }
        assertThat(feed.summary()).containsEntry("steps", 12_000L).containsEntry("incidents", 2);
    }
}
