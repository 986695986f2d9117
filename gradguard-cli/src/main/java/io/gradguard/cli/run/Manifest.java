package io.gradguard.cli.run;

import io.gradguard.cli.Version;
import io.gradguard.tensor.Gemm;
import java.io.IOException;
import java.nio.file.Files;
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
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("vm", System.getProperty("java.vm.name"));
        jvm.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        jvm.put("gemm", Gemm.implementation());
        m.put("jvm", jvm);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        m.put("machine", machine);
        return m;
    }

    static String cpuModel() {
        Path p = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(p)) {
            return System.getProperty("os.arch");
        }
        try {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
