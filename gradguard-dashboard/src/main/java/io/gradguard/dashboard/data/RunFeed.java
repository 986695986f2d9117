package io.gradguard.dashboard.data;

import io.gradguard.runs.DiagnosisFile;
import io.gradguard.runs.RunDirectory;
import io.gradguard.runs.RunReader;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows one run directory through {@link RunReader}: each {@link #poll} reads the complete lines appended
 * to {@code metrics.jsonl} and {@code incidents.jsonl} since the last one into the {@link RunModel}, and
 * reloads {@code manifest.json}, {@code diagnosis.json} and {@code inspection.json} when they appear or
 * change. A live run and a replay take the same path, so the trainer never waits for the dashboard: it only
 * writes its files. A malformed line stops the following and is reported as the run's {@code error}.
 */
public final class RunFeed {
    /** Bytes read per file per chunk; a poll reads chunks until caught up or its time budget is spent. */
    static final int CHUNK_BYTES = 4 << 20;

    private final String id;
    private final RunReader reader;
    private final RunModel model = new RunModel();
    private final Map<String, Optional<FileTime>> stamps = new HashMap<>();
    private final Map<String, Map<String, Object>> files = new HashMap<>();
    private RunReader.Position metricsAt = RunReader.Position.START;
    private RunReader.Position incidentsAt = RunReader.Position.START;
    private volatile RunStatus status;
    private volatile String error;
    private final AtomicLong version = new AtomicLong();

    public RunFeed(String id, RunReader reader, RunStatus status) {
        this.id = id;
        this.reader = reader;
        this.status = status;
    }

    public String id() {
        return id;
    }

    public RunReader reader() {
        return reader;
    }

    public RunModel model() {
        return model;
    }

    public RunStatus status() {
        return status;
    }

    /** Changes the status (a live run that finished); counts as a change for the next event. */
    public void status(RunStatus s) {
        status = s;
        version.incrementAndGet();
    }

    /** Increases whenever something a page shows has changed. */
    public long version() {
        return version.get();
    }

    /**
     * Reads what the run wrote since the last poll, for at most about {@code budgetNanos} (a long backlog is
     * read over several polls, so the first page of a 100,000-step replay is quick).
     *
     * @return true if anything changed
     */
    public synchronized boolean poll(long budgetNanos) {
        if (error != null) {
            return false;
        }
        long t0 = System.nanoTime();
        boolean changed = false;
        try {
            for (String name : List.of(RunDirectory.MANIFEST, DiagnosisFile.NAME, RunDirectory.INSPECTION)) {
                changed |= reload(name);
            }
            while (true) {
                RunReader.Chunk m = reader.readMetrics(metricsAt, CHUNK_BYTES);
                RunReader.Chunk i = reader.readIncidents(incidentsAt, CHUNK_BYTES);
                model.addMetrics(m.rows());
                model.addIncidents(i.rows());
                boolean more = !m.next().equals(metricsAt) || !i.next().equals(incidentsAt);
                metricsAt = m.next();
                incidentsAt = i.next();
                changed |= more;
                if (!more || System.nanoTime() - t0 > budgetNanos) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            changed = true;
        }
        if (changed) {
            version.incrementAndGet();
        }
        return changed;
    }

    private boolean reload(String name) throws IOException {
        Optional<FileTime> stamp = reader.modified(name);
        if (stamp.equals(stamps.get(name))) {
            return false;
        }
        Optional<Map<String, Object>> content = switch (name) {
            case RunDirectory.MANIFEST -> Optional.of(reader.manifest()).filter(m -> !m.isEmpty());
            case RunDirectory.INSPECTION -> reader.inspection();
            default -> reader.diagnosis();
        };
        stamps.put(name, stamp);
        if (content.isPresent()) {
            files.put(name, content.get());
        } else {
            files.remove(name);
        }
        return true;
    }

    /** The content of {@code manifest.json}, {@code diagnosis.json} or {@code inspection.json}, if recorded. */
    public synchronized Optional<Map<String, Object>> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** Why following stopped, if it did. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The run's line in the run list and in live events. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", reader.name());
        m.put("path", reader.directory().root().toString());
        m.put("status", status.key());
        m.put("version", version.get());
        m.put("error", error);
        m.putAll(model.summary());
        synchronized (this) {
            m.put("manifest", files.containsKey(RunDirectory.MANIFEST));
            m.put("diagnosis", files.containsKey(DiagnosisFile.NAME));
            m.put("inspection", files.containsKey(RunDirectory.INSPECTION));
        }
        return m;
    }
}
