package io.gradguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The assumed FP32 peak of this machine: {@code cores x clock x FLOP/cycle/core}, with the CPU model and
 * clock read from {@code /proc/cpuinfo}. FLOP/cycle/core = FMA units x lanes x 2:
 * <ul>
 *   <li>AMD Zen 4 (family 0x19) with AVX-512: 512-bit ops are double-pumped through 256-bit units, so 32;</li>
 *   <li>AMD Zen 5 (family 0x1A) with AVX-512: server and desktop parts have a full 512-bit datapath with two
 *       FMA pipes, so 64 (mobile Zen 5 is double-pumped: 32);</li>
 *   <li>Intel with AVX-512: assumes two 512-bit FMA units, so 64 (parts with one unit reach 32);</li>
 *   <li>AVX2 + FMA: two 256-bit FMA units, 32; otherwise SSE, 16.</li>
 * </ul>
 * Under a hypervisor {@code cpu MHz} is often the nominal (TSC) clock, not the boost clock the cores run at,
 * which is why {@link BenchMain} also measures an FMA-only loop.
 */
record CpuPeak(String model, String vendor, int family, double mhz, int cores, int flopPerCycle, String rule) {

    double gflops() {
        return cores * mhz / 1000.0 * flopPerCycle;
    }

    static CpuPeak read() {
        Map<String, String> f = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    f.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            // not Linux: fall through with unknowns
        }
        String vendor = f.getOrDefault("vendor_id", "unknown");
        String model = f.getOrDefault("model name", System.getProperty("os.arch"));
        int family = parseInt(f.get("cpu family"));
        double mhz = parseDouble(f.get("cpu MHz"));
        String flags = " " + f.getOrDefault("flags", "") + " ";
        boolean avx512 = flags.contains(" avx512f ");
        boolean avx2 = flags.contains(" avx2 ") && flags.contains(" fma ");
        int fpc;
        String rule;
        if (avx512 && vendor.equals("AuthenticAMD") && family == 0x19) {
            fpc = 32;
            rule = "AMD Zen 4 (family 0x19): AVX-512 double-pumped on 2 x 256-bit FMA = 32 FLOP/cycle";
        } else if (avx512 && vendor.equals("AuthenticAMD") && family >= 0x1A) {
            fpc = 64;
            rule = "AMD Zen 5 (family 0x" + Integer.toHexString(family)
                    + "): full-width AVX-512, 2 x 512-bit FMA = 64 FLOP/cycle";
        } else if (avx512) {
            fpc = 64;
            rule = vendor + " with AVX-512: assumed 2 x 512-bit FMA units = 64 FLOP/cycle";
        } else if (avx2) {
            fpc = 32;
            rule = vendor + " with AVX2+FMA: 2 x 256-bit FMA = 32 FLOP/cycle";
        } else {
            fpc = 16;
            rule = vendor + " without AVX2/FMA: assumed 16 FLOP/cycle";
        }
        return new CpuPeak(model, vendor, family, mhz, Runtime.getRuntime().availableProcessors(), fpc, rule);
    }

    private static int parseInt(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double parseDouble(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
