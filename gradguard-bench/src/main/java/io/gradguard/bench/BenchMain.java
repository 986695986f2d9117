package io.gradguard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link GemmBenchmark} and {@link MlpStepBenchmark} through the JMH Runner API and prints GFLOP/s
 * (ops/s x 2 n^3 / 1e9) beside the assumed FP32 peak ({@link CpuPeak}) and the peak measured by an FMA-only
 * loop ({@link FmaProbe}). Options: {@code --quick} (shorter iterations), {@code --gemm} or {@code --mlp}
 * (run one benchmark only). For other JMH options run {@code org.openjdk.jmh.Main} from the same jar.
 */
public final class BenchMain {
    /** FLOPs of one MLP step: forward and dW for all three layers, dx for layers 2 and 3 (x needs none). */
    static final double MLP_FLOP = 2.0 * MlpStepBenchmark.BATCH
            * (2 * (784 * 512 + 512 * 512 + 512 * 10) + (512 * 512 + 512 * 10));

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        boolean gemm = !a.contains("--mlp") || a.contains("--gemm");
        boolean mlp = !a.contains("--gemm") || a.contains("--mlp");

        CpuPeak cpu = CpuPeak.read();
        System.out.printf("CPU: %s (%s, family 0x%x), %d cores, cpu MHz %.0f (/proc/cpuinfo)%n", cpu.model(),
                cpu.vendor(), cpu.family(), cpu.cores(), cpu.mhz());
        System.out.printf("Assumed FP32 peak: %d cores x %.3f GHz x %d FLOP/cycle = %.1f GFLOP/s  [%s]%n",
                cpu.cores(), cpu.mhz() / 1000, cpu.flopPerCycle(), cpu.gflops(), cpu.rule());
        double probe = Double.NaN;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            probe = FmaProbe.gflopsOneCore();
            System.out.printf("Measured FMA-only loop: %.1f GFLOP/s on one core = %.2f GHz effective at %d FLOP/cycle;"
                    + " x %d cores = %.1f GFLOP/s (assumes every core holds that clock)%n", probe,
                    probe / cpu.flopPerCycle(), cpu.flopPerCycle(), cpu.cores(), probe * cpu.cores());
        } else {
            System.out.println("Measured FMA-only loop: skipped (run with --add-modules=jdk.incubator.vector)");
        }

        ChainedOptionsBuilder ob = new OptionsBuilder();
        if (gemm) {
            ob.include(GemmBenchmark.class.getName() + ".*");
        }
        if (mlp) {
            ob.include(MlpStepBenchmark.class.getName() + ".*");
        }
        if (quick) {
            ob.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(ob.build()).run();
        print(results, cpu, probe);
    }

    private static void print(Collection<RunResult> results, CpuPeak cpu, double probeCore) {
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((RunResult r) -> r.getParams().getBenchmark())
                .thenComparing(r -> param(r, "impl")).thenComparing(r -> param(r, "threads"))
                .thenComparingInt(r -> Integer.parseInt(param(r, "size", "256"))));
        System.out.println();
        System.out.printf("%-10s %-7s %-7s %6s %12s %16s %10s %10s%n", "benchmark", "impl", "threads", "n",
                "ops/s", "GFLOP/s", "%assumed", "%measured");
        for (RunResult r : sorted) {
            String bench = r.getParams().getBenchmark();
            Result<?> res = r.getPrimaryResult();
            if (bench.endsWith(".step")) {
                double ms = res.getScore();
                System.out.printf("%-10s %-7s %-7s %6s %12s %16s %10s %10s   -> %.2f ms/step (+-%.2f), %.1f GFLOP/s%n",
                        "mlp-step", "", "all", "128", "", "", "", "", ms, res.getScoreError(), MLP_FLOP / ms / 1e6);
                continue;
            }
            boolean naive = bench.endsWith(".naive256");
            int n = naive ? 256 : Integer.parseInt(param(r, "size"));
            String impl = naive ? "naive" : param(r, "impl");
            String threads = naive ? "1" : param(r, "threads");
            int t = threads.equals("all") ? cpu.cores() : Integer.parseInt(threads);
            double perOp = 2.0 * n * n * n / 1e9;
            double g = res.getScore() * perOp;
            double gErr = res.getScoreError() * perOp;
            double assumed = cpu.gflops() * t / cpu.cores();
            double measured = probeCore * t;
            System.out.printf("%-10s %-7s %-7s %6d %12.2f %9.1f +-%5.1f %9.0f%% %9.0f%%%n", naive ? "naive" : "gemm", impl,
                    t, n, res.getScore(), g, gErr, 100 * g / assumed, 100 * g / measured);
        }
        System.out.println("(%assumed and %measured are relative to the peak of the threads used.)");
    }

    private static String param(RunResult r, String key) {
        return param(r, key, "");
    }

    private static String param(RunResult r, String key, String dflt) {
        String v = r.getParams().getParam(key);
        return v == null ? dflt : v;
    }
}
