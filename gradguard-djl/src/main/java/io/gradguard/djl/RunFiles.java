package io.gradguard.djl;

import ai.djl.engine.Engine;
import ai.djl.training.Trainer;
import io.gradguard.guard.GuardConfig;
import io.gradguard.runs.RunEnvironment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The descriptive files of a DJL run directory. {@code spec.yaml} records what was trained (framework, model
 * as DJL prints it, loss, optimiser, guard) as YAML; it is a record, not a {@code gradguard train} spec.
 * {@code manifest.json} carries the same keys as the CLI's (name, seed, command, start time, versions, JVM,
 * machine) plus the framework's name and versions.
 */
final class RunFiles {
    private RunFiles() {
    }

    static String specYaml(String name, Trainer trainer, GuardedTraining training) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by gradguard-djl: a record of a DJL training run, not a spec for gradguard train.\n");
        sb.append("name: ").append(quote(name)).append('\n');
        sb.append("framework: djl\n");
        sb.append("model:\n  djl_block: |\n");
        for (String line : trainer.getModel().getBlock().toString().replace("\t", "  ").split("\n")) {
            sb.append("    ").append(line).append('\n');
        }
        sb.append("loss: ").append(quote(trainer.getLoss().getClass().getSimpleName())).append('\n');
        sb.append("optimizer:\n  name: ").append(quote(training.optimizerName())).append('\n');
        if (training.learningRate() != null) {
            sb.append("  lr: ").append(training.learningRate().getNewValue("", 1)).append('\n');
        }
        if (training.guard() == null) {
            sb.append("guard: null\n");
        } else {
            GuardConfig g = training.guard().config();
            sb.append("guard:\n");
            sb.append("  clip: ").append(quote(g.clip().toString())).append('\n');
            sb.append("  detectors: [");
            for (int i = 0; i < g.detectors().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(quote(g.detectors().get(i).getClass().getSimpleName()));
            }
            sb.append("]\n");
            sb.append("  snapshot_every: ").append(g.snapshotEvery()).append('\n');
        }
        return sb.toString();
    }

    static Map<String, Object> manifest(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("seed", null);
        m.put("spec_source", null);
        m.put("command", "djl");
        m.put("started", Instant.now().toString());
        String v = RunFiles.class.getPackage().getImplementationVersion();
        m.put("gradguard_version", v == null ? "dev" : v);
        Map<String, Object> framework = new LinkedHashMap<>();
        framework.put("name", "djl");
        framework.put("djl_version", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        framework.put("engine", engine.getEngineName());
        framework.put("engine_version", engine.getVersion());
        framework.put("offline", Boolean.getBoolean("ai.djl.offline"));
        m.put("framework", framework);
        m.put("jvm", RunEnvironment.jvm());
        m.put("machine", RunEnvironment.machine());
        return m;
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
