package io.gradguard.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JVM and machine a run was made on, as {@code manifest.json}'s {@code jvm} and {@code machine} objects:
 * one description for every host that writes a run directory (the CLI, the DJL host).
 */
public final class RunEnvironment {
    private RunEnvironment() {
    }

    /** {@code version}, {@code vendor}, {@code vm}, {@code max_heap_mib}; a host may add its own keys. */
    public static Map<String, Object> jvm() {
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.version"));
        jvm.put("vendor", System.getProperty("java.vendor"));
        jvm.put("vm", System.getProperty("java.vm.name"));
        jvm.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        return jvm;
    }

    /** {@code os}, {@code arch}, {@code cores}, {@code cpu}. */
    public static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        return machine;
    }

    /** The CPU's model name from {@code /proc/cpuinfo}; the architecture where that file is missing. */
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
