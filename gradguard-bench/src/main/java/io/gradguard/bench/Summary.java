package io.gradguard.bench;

import io.gradguard.bench.peers.Measurement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The table {@link BenchMain} prints after a run: per benchmark and parameter set, the median and the
 * minimum time per operation over the measured iterations (JMH's own output gives the mean and its error),
 * GFLOP/s at both, and for the guard the overhead ratios against the unguarded step.
 *
 * <p>Medians resist the odd slow iteration; minimums estimate the time on an idle machine, which matters on
 * a shared one. Throughput scores (GEMM, ops/s) are converted to ms/op per iteration before either is taken.
 */
final class Summary {
    /** One benchmark x parameter set: its label, per-iteration ms/op, FLOPs per op (NaN if not counted). */
    record Row(String bench, String params, double[] ms, double flop, int threads, RunResult run) {
        double median() {
            return Measurement.median(ms);
        }

        double min() {
            return Arrays.stream(ms).min().orElse(Double.NaN);
        }

        /** Per-iteration values of a secondary (aux counter) result, in iteration order. */
        double[] secondary(String name) {
            List<Double> v = new ArrayList<>();
            for (BenchmarkResult b : run.getBenchmarkResults()) {
                for (IterationResult it : b.getIterationResults()) {
                    Result<?> r = it.getSecondaryResults().get(name);
                    v.add(r == null ? Double.NaN : r.getScore());
                }
            }
            return v.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private Summary() {
    }

    static Row row(RunResult r, int cores) {
        String full = r.getParams().getBenchmark();
        String cls = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1, full.lastIndexOf('.'));
        String method = full.substring(full.lastIndexOf('.') + 1);
        List<Double> ms = new ArrayList<>();
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult it : b.getIterationResults()) {
                Result<?> p = it.getPrimaryResult();
                ms.add(toMs(p.getScore(), p.getScoreUnit()));
            }
        }
        double[] v = ms.stream().mapToDouble(Double::doubleValue).toArray();
        return switch (cls) {
            case "GemmBenchmark" -> {
                boolean naive = method.equals("naive256");
                int n = naive ? 256 : Integer.parseInt(param(r, "size"));
                String threads = naive ? "1" : param(r, "threads");
                yield new Row(naive ? "gemm naive" : "gemm " + param(r, "impl"), "n=" + n + " threads=" + threads, v,
                        2.0 * n * n * n, threads.equals("all") ? cores : Integer.parseInt(threads), r);
            }
            case "MlpStepBenchmark" -> new Row("mlp step", "batch=128 plain SGD loop", v, BenchMain.MLP_FLOP, cores, r);
            case "ConvStepBenchmark" -> new Row("conv2d fwd+bwd", "batch=64 32x32 " + param(r, "layer") + " 3x3 p1", v,
                    ConvStepBenchmark.flop(param(r, "layer")), cores, r);
            case "LstmStepBenchmark" -> new Row("lstm fwd+bptt", "batch=64 T=100 H=128 I=" + param(r, "input"), v,
                    LstmStepBenchmark.flop(Integer.parseInt(param(r, "input"))), cores, r);
            case "GuardOverheadBenchmark" -> method.equals("paired")
                    ? new Row("mlp paired a,b,c", param(r, "optimizer") + " (mean of the three)", v, BenchMain.MLP_FLOP,
                            cores, r)
                    : new Row("mlp trainer step", "guard=" + param(r, "guard") + " "
                    + param(r, "optimizer"), v, BenchMain.MLP_FLOP, cores, r);
            case "GuardKernelsBenchmark" -> new Row("guard kernels", method + " (MLP grads)", v, Double.NaN, 1, r);
            case "DashboardOverheadBenchmark" -> new Row("mlp off|live turns", "guard=default sgd, by iteration", v,
                    BenchMain.MLP_FLOP, cores, r);
            default -> new Row(cls + "." + method, r.getParams().toString(), v, Double.NaN, cores, r);
        };
    }

    static void print(Collection<RunResult> results, CpuPeak cpu, double probeCore) {
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            rows.add(row(r, cpu.cores()));
        }
        rows.sort(Comparator.comparing(Row::bench).thenComparing(Row::params));
        System.out.println();
        System.out.println("Summary over the measured iterations (median and minimum; GFLOP/s at each; % of the"
                + " assumed / measured FP32 peak of the threads used, at the median):");
        System.out.printf("%-18s %-32s %4s %11s %11s %9s %9s %8s %8s%n", "benchmark", "params", "its", "median ms",
                "min ms", "GF/s med", "GF/s max", "%assumed", "%measured");
        for (Row row : rows) {
            double gMed = row.flop() / row.median() / 1e6;
            double gMax = row.flop() / row.min() / 1e6;
            double assumed = cpu.gflops() * row.threads() / cpu.cores();
            double measured = probeCore * row.threads();
            System.out.printf(Locale.ROOT, "%-18s %-32s %4d %11.4f %11.4f %9s %9s %8s %8s%n", row.bench(), row.params(),
                    row.ms().length, row.median(), row.min(), fmt(gMed), fmt(gMax), pct(gMed, assumed),
                    pct(gMed, measured));
        }
        guard(rows);
        DashboardSummary.print(rows);
    }

    /** The guard's overhead: per optimiser, (b)/(a) and (c)/(a) at the medians and at the minimums. */
    private static void guard(List<Row> rows) {
        List<Row> g = rows.stream().filter(r -> r.bench().equals("mlp trainer step")).toList();
        if (g.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Guard overhead on the MLP trainer step (a = no hook, b = GuardConfig.defaults(),"
                + " c = defaults + GlobalNorm(1.0) clipping); hook = the guard hook's own time per step, timed"
                + " inside the step:");
        System.out.printf("%-6s %-8s %10s %10s %9s %9s %12s %10s%n", "optim", "guard", "median ms", "min ms",
                "x/a med", "x/a min", "hook ms med", "hook/a");
        for (String opt : List.of("sgd", "adam")) {
            Row a = find(g, "none " + opt);
            if (a == null) {
                continue;
            }
            for (String mode : List.of("none", "default", "clip")) {
                Row x = find(g, mode + " " + opt);
                if (x == null) {
                    continue;
                }
                double hook = hookMs(x);
                System.out.printf(Locale.ROOT, "%-6s %-8s %10.3f %10.3f %9.4f %9.4f %12s %10s%n", opt, mode,
                        x.median(), x.min(), x.median() / a.median(), x.min() / a.min(),
                        Double.isNaN(hook) ? "-" : String.format(Locale.ROOT, "%.4f", hook),
                        Double.isNaN(hook) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * hook / a.median()));
            }
        }
        paired(rows);
        System.out.println("(target: b/a <= 1.03 with default monitoring)");
    }

    /**
     * The paired run: the three variants by turns in one JVM. Per iteration, each variant's ms/step; then
     * the median over iterations of the per-iteration ratios, and the ratio of the per-variant minimums.
     */
    private static void paired(List<Row> rows) {
        List<Row> p = rows.stream().filter(r -> r.bench().equals("mlp paired a,b,c")).toList();
        if (p.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Paired (a, b, c by turns in one JVM, so other load hits all three alike): ms/step median"
                + " [min] over iterations, and the median [min] of the per-iteration ratios to a:");
        System.out.printf("%-6s %-8s %18s %18s %12s%n", "optim", "guard", "ms/step med [min]", "x/a med [min]",
                "hook ms med");
        for (Row r : p) {
            double[] steps = r.secondary("pairedSteps");
            String[] names = {"none", "default", "clip"};
            double[][] ms = new double[3][];
            for (int k = 0; k < 3; k++) {
                double[] nanos = r.secondary(names[k] + "Nanos");
                ms[k] = new double[nanos.length];
                for (int i = 0; i < nanos.length; i++) {
                    ms[k][i] = nanos[i] / steps[i] / 1e6;
                }
            }
            for (int k = 0; k < 3; k++) {
                double[] ratio = new double[ms[k].length];
                for (int i = 0; i < ratio.length; i++) {
                    ratio[i] = ms[k][i] / ms[0][i];
                }
                String hook = "-";
                if (k > 0) {
                    double[] h = r.secondary(names[k] + "HookNanos");
                    for (int i = 0; i < h.length; i++) {
                        h[i] = h[i] / steps[i] / 1e6;
                    }
                    hook = String.format(Locale.ROOT, "%.4f", Measurement.median(h));
                }
                System.out.printf(Locale.ROOT, "%-6s %-8s %9.3f [%6.3f] %9.4f [%6.4f] %12s%n",
                        r.params().substring(0, r.params().indexOf(' ')), names[k], Measurement.median(ms[k]),
                        Arrays.stream(ms[k]).min().orElse(Double.NaN), Measurement.median(ratio),
                        Arrays.stream(ratio).min().orElse(Double.NaN), hook);
            }
        }
    }

    /** Median over iterations of hookNanos / hookCalls, in ms; NaN without a hook. */
    static double hookMs(Row x) {
        double[] nanos = x.secondary("hookNanos");
        double[] calls = x.secondary("hookCalls");
        List<Double> per = new ArrayList<>();
        for (int i = 0; i < nanos.length && i < calls.length; i++) {
            if (calls[i] > 0) {
                per.add(nanos[i] / calls[i] / 1e6);
            }
        }
        return per.isEmpty() ? Double.NaN : Measurement.median(per.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Row find(List<Row> rows, String guardAndOpt) {
        for (Row r : rows) {
            if (r.params().equals("guard=" + guardAndOpt)) {
                return r;
            }
        }
        return null;
    }

    /** A score in {@code unit} (JMH's "ops/s", "ms/op", "us/op", ...) as milliseconds per op. */
    static double toMs(double score, String unit) {
        return switch (unit) {
            case "ops/s" -> 1e3 / score;
            case "ops/ms" -> 1 / score;
            case "ms/op" -> score;
            case "us/op" -> score / 1e3;
            case "ns/op" -> score / 1e6;
            case "s/op" -> score * 1e3;
            default -> throw new IllegalArgumentException("unexpected JMH score unit '" + unit + "'");
        };
    }

    private static String fmt(double g) {
        return Double.isFinite(g) ? String.format(Locale.ROOT, "%.1f", g) : "-";
    }

    private static String pct(double g, double peak) {
        return Double.isFinite(g) && Double.isFinite(peak) && peak > 0
                ? String.format(Locale.ROOT, "%.0f%%", 100 * g / peak) : "-";
    }

    static String param(RunResult r, String key) {
        String v = r.getParams().getParam(key);
        return v == null ? "" : v;
    }
}
