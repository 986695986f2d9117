package io.gradguard.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gradguard.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The run directory of DESIGN.md, the contract between the CLI, reports and the dashboard:
 * {@code spec.yaml} (resolved spec), {@code manifest.json}, {@code metrics.jsonl}, {@code incidents.jsonl},
 * {@code checkpoints/} and {@code report.html}.
 */
public record RunDirectory(Path root) {
    public static final String SPEC = "spec.yaml";
    public static final String MANIFEST = "manifest.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String INCIDENTS = "incidents.jsonl";
    public static final String CHECKPOINTS = "checkpoints";
    /** The pre-flight inspection at initialisation, as {@code gradguard inspect --json} prints it. */
    public static final String INSPECTION = "inspection.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A new run directory {@code parent/name}; if that exists, {@code name-2}, {@code name-3}, ... so a run
     * never overwrites another.
     */
    public static RunDirectory createUnder(Path parent, String name) throws IOException {
        Files.createDirectories(parent);
        Path p = parent.resolve(name);
        for (int i = 2; Files.exists(p); i++) {
            p = parent.resolve(name + "-" + i);
        }
        Files.createDirectories(p);
        return new RunDirectory(p);
    }

    /** Uses {@code dir} as given (for {@code --out}); it must be absent or empty. */
    public static RunDirectory createAt(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(dir + " already exists and is not empty; choose another --out "
                            + "or continue it with --resume " + dir);
                }
            }
        }
        Files.createDirectories(dir);
        return new RunDirectory(dir);
    }

    /** An existing run, for {@code --resume}, reports and the dashboard. */
    public static RunDirectory open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(SPEC))) {
            throw new IOException(dir + " is not a run directory (no " + SPEC + ")");
        }
        return new RunDirectory(dir);
    }

    public Path spec() {
        return root.resolve(SPEC);
    }

    public Path manifest() {
        return root.resolve(MANIFEST);
    }

    public Path metrics() {
        return root.resolve(METRICS);
    }

    public Path incidents() {
        return root.resolve(INCIDENTS);
    }

    public Path inspection() {
        return root.resolve(INSPECTION);
    }

    public Path checkpoints() {
        return root.resolve(CHECKPOINTS);
    }

    public void writeSpec(String yaml) throws IOException {
        AtomicFiles.write(spec(), yaml.getBytes(StandardCharsets.UTF_8));
    }

    public void writeManifest(Map<String, Object> manifest) throws IOException {
        AtomicFiles.write(manifest(), JSON.writeValueAsBytes(manifest));
    }
}
