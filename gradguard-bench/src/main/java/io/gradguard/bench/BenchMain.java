package io.gradguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.gradguard.bench.peers.Options;
import io.gradguard.bench.peers.Peer;
import io.gradguard.bench.peers.PeerComparison;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks through the JMH Runner API and prints a summary ({@link Summary}): median and minimum
 * ms/op over the measured iterations, GFLOP/s beside the assumed FP32 peak ({@link CpuPeak}) and the peak
 * measured by an FMA-only loop ({@link FmaProbe}), and the guard's overhead ratios. Options select what runs
 * (several may be given; none, or {@code --all}, runs everything): {@code --gemm} ({@link GemmBenchmark}),
 * {@code --mlp} ({@link MlpStepBenchmark}), {@code --conv} ({@link ConvStepBenchmark}), {@code --lstm}
 * ({@link LstmStepBenchmark}), {@code --guard} ({@link GuardOverheadBenchmark} and {@link GuardKernelsBenchmark}),
 * {@code --dashboard} ({@link DashboardOverheadBenchmark}); {@code --quick} shortens the
 * iterations. For other JMH options run {@code org.openjdk.jmh.Main} from the same jar.
 *
 * <p>{@code --peers [options]} instead runs the MLP, Conv2d and LSTM steps in every framework on the class path,
 * side by side in this process ({@link io.gradguard.bench.peers.PeerComparison}; options in
 * {@link io.gradguard.bench.peers.Options#parse}). This jar holds only the engine; libtorch (DJL) and DL4J come
 * with {@code gradguard-bench-peers}, which {@code ./gradguard bench --peers} builds and puts on the class path.
 */
public final class BenchMain {
    /** FLOPs of one MLP step: forward and dW for all three layers, dx for layers 2 and 3 (x needs none). */
    static final double MLP_FLOP = 2.0 * MlpStepBenchmark.BATCH
            * (2 * (784 * 512 + 512 * 512 + 512 * 10) + (512 * 512 + 512 * 10));

    private static final Map<String, List<Class<?>>> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("--gemm", List.of(GemmBenchmark.class));
        BENCHMARKS.put("--mlp", List.of(MlpStepBenchmark.class));
        BENCHMARKS.put("--conv", List.of(ConvStepBenchmark.class));
        BENCHMARKS.put("--lstm", List.of(LstmStepBenchmark.class));
        BENCHMARKS.put("--guard", List.of(GuardOverheadBenchmark.class, GuardKernelsBenchmark.class));
        BENCHMARKS.put("--dashboard", List.of(DashboardOverheadBenchmark.class));
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException {
        List<String> a = Arrays.asList(args);
        if (a.contains("--peers")) {
            peers(a.stream().filter(x -> !x.equals("--peers")).toList());
            return;
        }
        for (String arg : a) {
            if (!BENCHMARKS.containsKey(arg) && !arg.equals("--all") && !arg.equals("--quick")) {
                System.err.println("unknown option '" + arg + "'; options: --all " + String.join(" ", BENCHMARKS.keySet())
                        + " --quick, or --peers [--quick --workloads LIST --only LIST --rounds N --round-seconds S"
                        + " --warmup-seconds S]");
                System.exit(2);
            }
        }
        boolean quick = a.contains("--quick");
        boolean all = a.contains("--all") || BENCHMARKS.keySet().stream().noneMatch(a::contains);

        CpuPeak cpu = CpuPeak.read();
        double probe = machine(cpu);
        System.out.println("Load average at start: " + loadAverage());

        ChainedOptionsBuilder ob = new OptionsBuilder();
        for (Map.Entry<String, List<Class<?>>> e : BENCHMARKS.entrySet()) {
            if (all || a.contains(e.getKey())) {
                for (Class<?> c : e.getValue()) {
                    ob.include(c.getName() + ".*");
                }
            }
        }
        if (quick) {
            ob.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(ob.build()).run();
        Summary.print(results, cpu, probe);
        System.out.println("Load average at end: " + loadAverage());
    }

    /** Prints the CPU, the assumed FP32 peak and the FMA loop's rate; returns that rate (NaN without the Vector API). */
    private static double machine(CpuPeak cpu) {
        System.out.printf("CPU: %s (%s, family 0x%x), %d cores, cpu MHz %.0f (/proc/cpuinfo)%n", cpu.model(),
                cpu.vendor(), cpu.family(), cpu.cores(), cpu.mhz());
        System.out.printf("Assumed FP32 peak: %d cores x %.3f GHz x %d FLOP/cycle = %.1f GFLOP/s  [%s]%n",
                cpu.cores(), cpu.mhz() / 1000, cpu.flopPerCycle(), cpu.gflops(), cpu.rule());
        if (!ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            System.out.println("Measured FMA-only loop: skipped (run with --add-modules=jdk.incubator.vector)");
            return Double.NaN;
        }
        double probe = FmaProbe.gflopsOneCore();
        System.out.printf("Measured FMA-only loop: %.1f GFLOP/s on one core = %.2f GHz effective at %d FLOP/cycle;"
                + " x %d cores = %.1f GFLOP/s (assumes every core holds that clock)%n", probe,
                probe / cpu.flopPerCycle(), cpu.flopPerCycle(), cpu.cores(), probe * cpu.cores());
        return probe;
    }

    /** {@code --peers}: the side-by-side comparison with the frameworks found on the class path. */
    private static void peers(List<String> args) {
        List<Peer> found = PeerComparison.peers();
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        machine(CpuPeak.read());
        if (found.size() < 2) {
            System.out.println("Only the engine is on the class path: libtorch (DJL) and DL4J are in gradguard-bench-peers;"
                    + " run ./gradguard bench --peers, which builds it (mvn -Ppeers) and runs this with its class path.");
        }
        new PeerComparison(options, System.out).run(found);
    }

    /** The first three fields of {@code /proc/loadavg} (1, 5 and 15 minutes), or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
