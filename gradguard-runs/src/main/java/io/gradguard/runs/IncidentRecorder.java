package io.gradguard.runs;

import io.gradguard.guard.GuardListener;
import io.gradguard.guard.GuardStep;
import io.gradguard.guard.IncidentRecord;
import io.gradguard.io.JsonLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code incidents.jsonl}: one line per incident with its step, kind, layer, message, evidence
 * (numbers), the action taken and its outcome. Flushed on every incident: incidents are rare and must
 * survive a crash.
 */
public final class IncidentRecorder implements GuardListener, AutoCloseable {
    private final JsonLines.Appender out;

    public IncidentRecorder(Path file) throws IOException {
        this.out = JsonLines.appender(file, 1);
    }

    @Override
    public void onGuardStep(GuardStep step) {
        for (IncidentRecord r : step.incidents()) {
            try {
                out.append(toJson(r));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write incidents.jsonl: " + e.getMessage(), e);
            }
        }
    }

    public static Map<String, Object> toJson(IncidentRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", r.incident().step());
        m.put("kind", r.incident().kind().id());
        m.put("layer", r.incident().layer());
        m.put("message", r.incident().message());
        m.put("evidence", r.incident().evidence());
        m.put("action", r.action().id());
        m.put("outcome", r.outcome());
        return m;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
