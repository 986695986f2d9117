package io.gradguard.cli.experiment;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gradguard.io.AtomicFiles;
import io.gradguard.io.JsonLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code done.json}, written atomically into a grid point's run directory when the point has finished:
 * its resume key and its {@link Outcome}. {@code {"key", "point", "seed", "seconds", "values": {...},
 * "series": {...}}}; non-finite numbers as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"} (as in {@code metrics.jsonl}).
 */
final class DoneFile {
    static final String NAME = "done.json";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private DoneFile() {
    }

    /** SHA-256 of the experiment, its version, the point, the seed and the task: equal keys, equal results. */
    static String key(Experiment e, Point p, long seed) {
        String text = e.name() + "\n" + e.version() + "\n" + p.id() + "\n" + seed + "\n" + p.task().fingerprint();
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }

    static void write(Path dir, String key, Outcome o) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("point", o.point());
        m.put("seed", o.seed());
        m.put("seconds", o.seconds());
        m.put("values", o.values());
        m.put("series", o.series());
        AtomicFiles.write(dir.resolve(NAME), JSON.writeValueAsBytes(m));
    }

    /**
     * The outcome in {@code dir/done.json} if it exists, reads, and was written under {@code key}; else empty
     * (the point runs again).
     */
    static Optional<Outcome> read(Path dir, String key) {
        Path f = dir.resolve(NAME);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(f.toFile());
        } catch (IOException e) {
            return Optional.empty(); // a torn or hand-edited file: run the point again
        }
        if (root == null || !key.equals(root.path("key").asText())) {
            return Optional.empty();
        }
        try {
            return Optional.of(outcome(f, root));
        } catch (IOException e) {
            return Optional.empty(); // a value that is not a number: run the point again
        }
    }

    private static Outcome outcome(Path f, JsonNode root) throws IOException {
        Outcome.Builder b = new Outcome.Builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("values").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            b.put(e.getKey(), number(f, e.getValue()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("series").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double[] v = new double[e.getValue().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = number(f, e.getValue().get(i));
            }
            b.series(e.getKey(), v);
        }
        return b.build(root.path("point").asText(), root.path("seed").asLong(), number(f, root.path("seconds")));
    }

    private static double number(Path f, JsonNode n) throws IOException {
        if (n.isNumber()) {
            return n.doubleValue();
        }
        Double nonFinite = n.isTextual() ? JsonLines.nonFinite(n.asText()) : null;
        if (nonFinite != null) {
            return nonFinite;
        }
        throw new IOException(f + ": expected a number, got " + n);
    }
}
