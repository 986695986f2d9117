package io.gradguard.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradguard.io.AtomicFiles;
import io.gradguard.io.SafeTensors;
import io.gradguard.nn.Module;
import io.gradguard.optim.Optimizer;
import io.gradguard.optim.OptimizerState;
import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checkpoints: {@code checkpoints/step-00001234/} holding {@code model.safetensors} (weights),
 * {@code optimizer.json} (optimiser state) and {@code progress.json}, plus a {@code latest} file naming the
 * newest complete one.
 *
 * <p>Written atomically: every file goes through {@link AtomicFiles} inside a temporary directory that is
 * renamed into place, and {@code latest} is replaced last, so a crash at any point leaves the previous
 * checkpoint intact and never a half-written one.
 */
public final class Checkpoint {
    public static final String LATEST = "latest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoint() {
    }

    /** Writes a checkpoint, points {@code latest} at it, and prunes all but the newest {@code keep}. */
    public static Path save(Path dir, Module model, Optimizer optimizer, Progress progress, int keep)
            throws IOException {
        return save(dir, model, optimizer, progress, keep, List.of());
    }

    /** As {@link #save(Path, Module, Optimizer, Progress, int)}, with extra files written into the checkpoint. */
    public static Path save(Path dir, Module model, Optimizer optimizer, Progress progress, int keep,
                            List<CheckpointPolicy.Extra> extras) throws IOException {
        Files.createDirectories(dir);
        String name = String.format("step-%08d", progress.step());
        Path target = dir.resolve(name);
        Path tmp = dir.resolve(name + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        model.namedParameters().forEach((k, p) -> weights.put(k, p.value()));
        weights.putAll(model.namedBuffers());
        SafeTensors.write(tmp.resolve("model.safetensors"), weights, Map.of("format", "gradguard"));
        AtomicFiles.write(tmp.resolve("optimizer.json"), optimizer.state().toJson().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(tmp.resolve("progress.json"), progressJson(progress));
        for (CheckpointPolicy.Extra e : extras) {
            AtomicFiles.write(tmp.resolve(e.file()), e.content().get());
        }
        deleteTree(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.write(dir.resolve(LATEST), (name + "\n").getBytes(StandardCharsets.UTF_8));
        prune(dir, keep, name);
        return target;
    }

    /**
     * Loads the checkpoint {@code latest} names under {@code dir} (or {@code dir} itself if it is a
     * checkpoint) into {@code model} and {@code optimizer}, and returns where to continue.
     */
    public static Progress restore(Path dir, Module model, Optimizer optimizer) throws IOException {
        Path ckpt = resolve(dir);
        SafeTensors.Read read = SafeTensors.read(ckpt.resolve("model.safetensors"));
        Map<String, Tensor> saved = read.tensors();
        Map<String, Tensor> state = new LinkedHashMap<>();
        model.namedParameters().forEach((k, p) -> state.put(k, p.value()));
        state.putAll(model.namedBuffers());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor t = saved.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
                continue;
            }
            if (!t.sameShape(e.getValue())) {
                throw new IOException(ckpt.resolve("model.safetensors") + ": tensor '" + e.getKey() + "' has shape "
                        + Shapes.str(t.shape()) + " but the model expects " + Shapes.str(e.getValue().shape()));
            }
        }
        List<String> unexpected = new ArrayList<>(saved.keySet());
        unexpected.removeAll(state.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IOException(ckpt.resolve("model.safetensors") + " does not match the model: missing "
                    + missing + ", unexpected " + unexpected);
        }
        state.forEach((k, t) -> t.copyFrom(saved.get(k)));
        String optJson = Files.readString(ckpt.resolve("optimizer.json"));
        try {
            optimizer.loadState(OptimizerState.fromJson(optJson));
        } catch (IllegalArgumentException e) {
            throw new IOException(ckpt.resolve("optimizer.json") + ": " + e.getMessage(), e);
        }
        return readProgress(ckpt.resolve("progress.json"));
    }

    /** The checkpoint directory {@code latest} points to, or {@code dir} itself if it holds a checkpoint. */
    public static Path resolve(Path dir) throws IOException {
        if (Files.exists(dir.resolve("model.safetensors"))) {
            return dir;
        }
        Path latest = dir.resolve(LATEST);
        if (!Files.exists(latest)) {
            throw new IOException("no checkpoint under " + dir + " (no '" + LATEST + "' file and no model.safetensors)");
        }
        Path ckpt = dir.resolve(Files.readString(latest).trim());
        if (!Files.isDirectory(ckpt)) {
            throw new IOException(latest + " names " + ckpt.getFileName() + ", which does not exist");
        }
        return ckpt;
    }

    private static byte[] progressJson(Progress p) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("epoch", p.epoch());
        n.put("batch", p.batch());
        n.put("step", p.step());
        n.put("lr_scale", p.lrScale());
        n.put("pending_skips", p.pendingSkips());
        n.put("skipped_steps", p.skippedSteps());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    }

    static Progress readProgress(Path file) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        String[] keys = {"epoch", "batch", "step", "lr_scale", "pending_skips", "skipped_steps"};
        for (String k : keys) {
            if (n == null || !n.hasNonNull(k) || !n.get(k).isNumber()) {
                throw new IOException(file + ": missing or non-numeric field '" + k + "'");
            }
        }
        try {
            return new Progress(n.get("epoch").asInt(), n.get("batch").asInt(), n.get("step").asLong(),
                    n.get("lr_scale").asDouble(), n.get("pending_skips").asInt(), n.get("skipped_steps").asLong());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void prune(Path dir, int keep, String newest) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("step-\\d+"))
                    .sorted().toList();
        }
        for (int i = 0; i < all.size() - keep; i++) {
            if (!all.get(i).getFileName().toString().equals(newest)) {
                deleteTree(all.get(i));
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(q);
            }
        }
    }
}
