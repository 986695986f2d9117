package io.gradguard.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.io.FileFormatException;
import io.gradguard.io.JsonLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a finished (or still running) run directory: the resolved spec, the manifest, the step and epoch
 * rows of {@code metrics.jsonl}, the incidents and the diagnosis. Reports and the dashboard read runs
 * only through this class, so the format lives in one place ({@link RunDirectory}, {@link MetricsRecorder},
 * {@link IncidentRecorder}, {@link DiagnosisFile} write it).
 *
 * <p>A run being written can be followed: {@link #readMetrics(Position, int)} and
 * {@link #readIncidents(Position, int)} return the complete lines added since a {@link Position}, and
 * {@link #modified(String)} tells when a file appeared or changed.
 */
public final class RunReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FILES = Set.of(RunDirectory.SPEC, RunDirectory.MANIFEST, RunDirectory.METRICS,
            RunDirectory.INCIDENTS, RunDirectory.INSPECTION, DiagnosisFile.NAME);

    private final RunDirectory dir;

    private RunReader(RunDirectory dir) {
        this.dir = dir;
    }

    /** Opens {@code root}; fails with the path when it holds no {@code spec.yaml}. */
    public static RunReader open(Path root) throws IOException {
        return new RunReader(RunDirectory.open(root));
    }

    public RunDirectory directory() {
        return dir;
    }

    /** The run's name: its directory's name. */
    public String name() {
        return dir.root().getFileName().toString();
    }

    public String specYaml() throws IOException {
        return Files.readString(dir.spec(), StandardCharsets.UTF_8);
    }

    /** {@code manifest.json}, or an empty map when the run has none yet. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> manifest() throws IOException {
        if (!Files.isRegularFile(dir.manifest())) {
            return Map.of();
        }
        try {
            return JSON.readValue(dir.manifest().toFile(), Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FileFormatException(dir.manifest() + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The {@code "kind": "step"} rows of {@code metrics.jsonl}, in order. */
    public List<Map<String, Object>> steps() throws IOException {
        return rowsOfKind("step");
    }

    /** The {@code "kind": "epoch"} rows of {@code metrics.jsonl}, in order. */
    public List<Map<String, Object>> epochs() throws IOException {
        return rowsOfKind("epoch");
    }

    /** Every row of {@code incidents.jsonl}; empty when the run had none. */
    public List<Map<String, Object>> incidents() throws IOException {
        return Files.isRegularFile(dir.incidents()) ? JsonLines.read(dir.incidents()) : List.of();
    }

    /** {@code diagnosis.json}, when the run wrote one. */
    public Optional<Map<String, Object>> diagnosis() throws IOException {
        return optionalJson(dir.root().resolve(DiagnosisFile.NAME));
    }

    /**
     * {@code inspection.json}, the pre-flight inspection at initialisation (the JSON of
     * {@code gradguard inspect --json}), when the run wrote one.
     */
    public Optional<Map<String, Object>> inspection() throws IOException {
        return optionalJson(dir.inspection());
    }

    /** Where a follower of a JSON Lines file stands: a byte offset at a line start, and that line's number. */
    public record Position(long offset, long line) {
        public static final Position START = new Position(0, 0);

        public Position {
            if (offset < 0 || line < 0) {
                throw new IllegalArgumentException("Position offset and line must be >= 0, got " + offset + ", "
                        + line);
            }
        }
    }

    /** The rows one call read (every kind, in file order) and where the next call starts. */
    public record Chunk(List<Map<String, Object>> rows, Position next) {
        public Chunk {
            rows = List.copyOf(rows);
        }
    }

    /**
     * The complete lines {@code metrics.jsonl} gained after {@code from}, about {@code maxBytes} of them at most
     * (more if one line is longer); none while the file is absent. A half-written last line is left for the
     * next call.
     *
     * @throws io.gradguard.io.FileFormatException naming the file and line of a line that is not a JSON object
     * @throws IOException if the file is now shorter than {@code from} (replaced)
     */
    public Chunk readMetrics(Position from, int maxBytes) throws IOException {
        return JsonLinesTail.read(dir.metrics(), from, maxBytes);
    }

    /** As {@link #readMetrics(Position, int)}, for {@code incidents.jsonl}. */
    public Chunk readIncidents(Position from, int maxBytes) throws IOException {
        return JsonLinesTail.read(dir.incidents(), from, maxBytes);
    }

    /**
     * When one of the run's files was last modified, or empty while it does not exist.
     *
     * @param name one of {@code spec.yaml, manifest.json, metrics.jsonl, incidents.jsonl, inspection.json,
     *             diagnosis.json}
     */
    public Optional<FileTime> modified(String name) throws IOException {
        if (!FILES.contains(name)) {
            throw new IllegalArgumentException("RunReader.modified: '" + name + "' is not a run file; expected one of "
                    + new java.util.TreeSet<>(FILES));
        }
        try {
            return Optional.of(Files.getLastModifiedTime(dir.root().resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> optionalJson(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(p.toFile(), Map.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FileFormatException(p + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private List<Map<String, Object>> rowsOfKind(String kind) throws IOException {
        if (!Files.isRegularFile(dir.metrics())) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : JsonLines.read(dir.metrics())) {
            if (kind.equals(row.get("kind"))) {
                out.add(row);
            }
        }
        return out;
    }
}
