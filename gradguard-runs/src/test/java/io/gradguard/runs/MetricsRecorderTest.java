package io.gradguard.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.io.JsonLines;
import io.gradguard.train.StepAction;
import io.gradguard.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsRecorderTest {
    @TempDir
    Path tmp;

    private static StepMetrics step(long s) {
        return new StepMetrics(s, 0, (int) s, 1.0 / (s + 1), 2.0, 0.1, StepAction.PROCEED, 32);
    }

    @Test
    void aRowWrittenLongAfterTheLastFlushReachesTheFileAtOnce() throws Exception {
        RunDirectory dir = new RunDirectory(tmp);
        try (MetricsRecorder r = new MetricsRecorder(dir, () -> null)) {
            r.onStep(step(0));
            r.onStep(step(1));
            Thread.sleep(MetricsRecorder.FLUSH_MILLIS + 50);
            r.onStep(step(2));
            // Not closed: rows 0-2 are in the file because row 2 came more than FLUSH_MILLIS after the last flush.
            assertThat(JsonLines.read(dir.metrics())).extracting(m -> m.get("step")).containsExactly(0, 1, 2);
        }
    }

    @Test
    void fastRowsAreFlushedInBlocks() throws IOException {
        RunDirectory dir = new RunDirectory(tmp);
        try (MetricsRecorder r = new MetricsRecorder(dir, () -> null)) {
            for (int i = 0; i < MetricsRecorder.FLUSH_ROWS - 1; i++) {
                r.onStep(step(i));
            }
            long t0 = System.nanoTime();
            r.onStep(step(MetricsRecorder.FLUSH_ROWS - 1));
            assertThat(JsonLines.read(dir.metrics())).hasSize(MetricsRecorder.FLUSH_ROWS);
            r.onStep(step(MetricsRecorder.FLUSH_ROWS));
            if ((System.nanoTime() - t0) / 1_000_000 < MetricsRecorder.FLUSH_MILLIS) {
                // Written within FLUSH_MILLIS of the block's flush (the machine did not stall): still buffered.
                assertThat(JsonLines.read(dir.metrics())).hasSize(MetricsRecorder.FLUSH_ROWS);
            }
        }
        assertThat(JsonLines.read(dir.metrics())).hasSize(MetricsRecorder.FLUSH_ROWS + 1);
    }
}
