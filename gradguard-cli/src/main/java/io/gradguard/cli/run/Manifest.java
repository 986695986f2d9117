package io.gradguard.cli.run;

import io.gradguard.runs.RunEnvironment;
import io.gradguard.cli.Version;
import io.gradguard.tensor.Gemm;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a run was made with: seed, versions, JVM, machine and start time (written to manifest.json). */
public final class Manifest {
    private Manifest() {
    }

    public static Map<String, Object> of(String name, long seed, Path specSource, String command) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("seed", seed);
        m.put("spec_source", specSource == null ? null : specSource.toString());
        m.put("command", command);
        m.put("started", Instant.now().toString());
        m.put("gradguard_version", Version.projectVersion());
        Map<String, Object> jvm = RunEnvironment.jvm();
        jvm.put("gemm", Gemm.implementation());
        m.put("jvm", jvm);
        m.put("machine", RunEnvironment.machine());
        return m;
    }
}
