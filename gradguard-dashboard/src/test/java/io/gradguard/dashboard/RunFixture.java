package io.gradguard.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.io.JsonLines;
import io.gradguard.runs.DiagnosisFile;
import io.gradguard.runs.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run directory in the recorders' formats ({@code MetricsRecorder}, {@code GuardMetrics},
 * {@code IncidentRecorder}, {@code DiagnosisFile}, {@code inspect --json}) without training: {@code layers} dense
 * layers whose gradient norms grow 4x per layer toward the input, a spike of 1e6 at {@link #spikeStep}, a NaN
 * step at {@link #nanStep} (a {@code non_finite} incident) and a {@code depth_explosion} incident at step 0.
 */
public final class RunFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final int steps;
    private final int layers;
    private final int stepsPerEpoch;
    private boolean inspection = true;
    private boolean diagnosis = true;
    /** Step whose global gradient norm is multiplied by 1e6 (no incident: the clip handles it). */
    public long spikeStep;
    /** Step whose loss and gradients are NaN. */
    public long nanStep;

    public RunFixture(Path root, int steps, int layers) {
        this.root = root;
        this.steps = steps;
        this.layers = layers;
        this.stepsPerEpoch = Math.max(1, steps / 10);
        this.spikeStep = steps * 2L / 3;
        this.nanStep = steps / 3;
    }

    public RunFixture withoutInspection() {
        inspection = false;
        return this;
    }

    public RunFixture withoutDiagnosis() {
        diagnosis = false;
        return this;
    }

    public static String layerName(int i) {
        return "layers." + (2 * i);
    }

    /** Writes everything and returns the run directory. */
    public Path write() throws IOException {
        RunDirectory dir = RunDirectory.createAt(root);
        dir.writeSpec("name: fixture\nseed: 1\nmodel:\n  input: 8\n  layers:\n    - repeat: {times: " + layers
                + ", layers: [{dense: 16}, relu]}\n");
        dir.writeManifest(Map.of("name", "fixture", "seed", 1, "command", "train"));
        writeMetrics(dir);
        try (JsonLines.Appender out = JsonLines.appender(dir.incidents(), 1)) {
            for (Map<String, Object> i : incidents()) {
                out.append(i);
            }
        }
        if (diagnosis) {
            Map<String, Object> cause = new LinkedHashMap<>();
            cause.put("cause", "bad_init_scale");
            cause.put("confidence", 0.9);
            cause.put("explanation", "the backpropagated gradient grows 4x per layer toward the input");
            cause.put("recommendations", List.of("set model.init: he_normal (predicted gain 1.00 per layer)"));
            cause.put("evidence", List.of("depth_explosion at step 0", "non_finite at step " + nanStep));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("incidents", Map.of("depth_explosion", 1, "non_finite", 1));
            d.put("causes", List.of(cause));
            Files.write(root.resolve(DiagnosisFile.NAME), JSON.writeValueAsBytes(d));
        }
        if (inspection) {
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("name", layerName(i));
                l.put("kind", "dense");
                l.put("has_params", true);
                l.put("out_mean", 0.1);
                l.put("out_std", Math.pow(4, i));
                l.put("gain", 4.0);
                l.put("theory_gain", 4.0);
                l.put("saturated_fraction", null);
                l.put("dead_fraction", 0.25);
                rows.add(l);
            }
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("name", "fixture");
            in.put("layers", rows);
            in.put("findings", List.of(Map.of("subject", "depth", "verdict", "exploding", "detail",
                    "gain 4 per layer")));
            in.put("overall", "exploding");
            Files.write(dir.inspection(), JSON.writeValueAsBytes(in));
        }
        return root;
    }

    /**
     * A long run written fast (formatted lines, not maps): {@code steps} step rows with two layers, the global
     * gradient norm 1e6 times larger at {@code spikeStep}, an epoch row every 1,000 steps and one incident.
     */
    public static Path writeLong(Path root, int steps, long spikeStep) throws IOException {
        RunDirectory dir = RunDirectory.createAt(root);
        dir.writeSpec("name: long\n");
        try (java.io.BufferedWriter w = Files.newBufferedWriter(dir.metrics())) {
            for (long s = 0; s < steps; s++) {
                double g = s == spikeStep ? 2e6 : 2.0 + (s % 13) * 0.01;
                w.write(String.format(java.util.Locale.ROOT, "{\"kind\":\"step\",\"step\":%d,\"epoch\":%d,"
                        + "\"loss\":%.5f,\"grad_norm\":%.3f,\"lr\":0.01,\"action\":\"proceed\",\"layers\":["
                        + "{\"name\":\"fc1\",\"grad_norm\":%.4f,\"update_ratio\":-3.1,\"dead\":0.1},"
                        + "{\"name\":\"fc2\",\"grad_norm\":%.4f,\"update_ratio\":-2.9,\"dead\":0.2}]}\n",
                        s, s / 1000, 1.0 / (1 + s * 1e-3), g, g * 0.8, g * 0.2));
                if ((s + 1) % 1000 == 0) {
                    w.write("{\"kind\":\"epoch\",\"epoch\":" + s / 1000 + ",\"step\":" + (s + 1)
                            + ",\"train_loss\":0.5,\"val_loss\":0.6}\n");
                }
            }
        }
        Files.writeString(dir.incidents(), "{\"step\":" + spikeStep + ",\"kind\":\"norm_spike\",\"layer\":\"fc1\","
                + "\"message\":\"gradient norm 1e6 x its running mean\",\"evidence\":{},\"action\":\"skip_step\","
                + "\"outcome\":\"step skipped\"}\n");
        return root;
    }

    private void writeMetrics(RunDirectory dir) throws IOException {
        try (JsonLines.Appender out = JsonLines.appender(dir.metrics(), 1000)) {
            for (long s = 0; s < steps; s++) {
                out.append(stepRow(s));
                if ((s + 1) % stepsPerEpoch == 0) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("kind", "epoch");
                    e.put("epoch", (int) (s / stepsPerEpoch));
                    e.put("step", s + 1);
                    e.put("train_loss", loss(s));
                    e.put("train_accuracy", 0.5);
                    e.put("val_loss", loss(s) * 1.1);
                    e.put("val_accuracy", 0.45);
                    e.put("skipped_steps", 0);
                    e.put("seconds", 0.1);
                    out.append(e);
                }
            }
        }
    }

    private static double loss(long s) {
        return 2.0 / (1 + s / 50.0);
    }

    /** One step row as {@code MetricsRecorder} and {@code GuardMetrics} write it. */
    public Map<String, Object> stepRow(long s) {
        boolean nan = s == nanStep;
        double spike = s == spikeStep ? 1e6 : 1;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", "step");
        row.put("step", s);
        row.put("epoch", (int) (s / stepsPerEpoch));
        row.put("loss", nan ? Double.NaN : loss(s));
        row.put("grad_norm", nan ? Double.NaN : 3.0 * spike);
        row.put("lr", 0.01);
        row.put("action", nan ? "skip_step" : "proceed");
        row.put("verdict", nan ? "skip" : "proceed");
        Map<String, Object> clip = new LinkedHashMap<>();
        clip.put("total_norm", nan ? Double.NaN : 3.0 * spike);
        clip.put("threshold", 1.0);
        clip.put("clipped", !nan);
        row.put("clip", clip);
        List<Map<String, Object>> ls = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", layerName(i));
            l.put("grad_norm", nan ? Double.NaN : Math.pow(4, layers - 1 - i) * 1e-3 * spike);
            l.put("grad_max", nan ? Double.NaN : Math.pow(4, layers - 1 - i) * 1e-4 * spike);
            if (nan) {
                l.put("nan", 16);
            }
            if (s % 10 == 0) {
                l.put("weight_norm", 4.0 + i + s * 1e-3);
            }
            l.put("update_ratio", -3.0 - 0.15 * i + 0.3 * Math.sin(s / 150.0 + i));
            l.put("dead", 0.1 + 0.02 * i);
            ls.add(l);
        }
        row.put("layers", ls);
        return row;
    }

    private List<Map<String, Object>> incidents() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("step", 0);
        a.put("kind", "depth_explosion");
        a.put("layer", layerName(0));
        a.put("message", "backpropagated gradients grow 4.00x per layer toward the input over " + layers
                + " layers");
        a.put("evidence", Map.of("growth", 4.0, "r2", 1.0));
        a.put("action", "proceed");
        a.put("outcome", "step applied");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("step", nanStep);
        b.put("kind", "non_finite");
        b.put("layer", layerName(layers - 1));
        b.put("message", "non-finite gradient elements in " + layers + " layers <script>alert(1)</script>");
        b.put("evidence", Map.of("nan", 16 * layers, "inf", 0));
        b.put("action", "skip_step");
        b.put("outcome", "step skipped");
        return List.of(a, b);
    }
}
