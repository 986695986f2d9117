package io.gradguard.bench;

import io.gradguard.bench.peers.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The dashboard's overhead from {@link DashboardOverheadBenchmark#paired}: live/off of neighbouring iterations. */
final class DashboardSummary {
    private DashboardSummary() {
    }

    static void print(List<Summary.Row> rows) {
        for (Summary.Row r : rows) {
            if (!r.bench().equals("mlp off|live turns")) {
                continue;
            }
            double[] offNanos = r.secondary("offNanos");
            double[] offSteps = r.secondary("offSteps");
            double[] liveNanos = r.secondary("liveNanos");
            double[] liveSteps = r.secondary("liveSteps");
            List<Double> off = new ArrayList<>();
            List<Double> live = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            double lastOff = Double.NaN;
            for (int i = 0; i < offNanos.length; i++) {
                if (offSteps[i] > 0) {
                    lastOff = offNanos[i] / offSteps[i] / 1e6;
                    off.add(lastOff);
                } else if (liveSteps[i] > 0) {
                    double ms = liveNanos[i] / liveSteps[i] / 1e6;
                    live.add(ms);
                    if (!Double.isNaN(lastOff)) {
                        ratio.add(ms / lastOff);
                    }
                }
            }
            System.out.println();
            System.out.println("The live dashboard on the guarded MLP step (turns by iteration in one JVM; off = run "
                    + "directory written, live = also followed by a dashboard with a page connected):");
            System.out.printf(Locale.ROOT, "off  %.3f ms/step median [%.3f min] over %d iterations%n", median(off),
                    min(off), off.size());
            System.out.printf(Locale.ROOT, "live %.3f ms/step median [%.3f min] over %d iterations%n", median(live),
                    min(live), live.size());
            System.out.printf(Locale.ROOT, "live/off of neighbouring iterations: median %.4f, min %.4f, max %.4f "
                    + "(%d pairs; target <= 1.02); ratio of the medians %.4f, of the minimums %.4f%n", median(ratio),
                    min(ratio), ratio.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                    ratio.size(), median(live) / median(off), min(live) / min(off));
        }
    }

    private static double median(List<Double> v) {
        return Measurement.median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
