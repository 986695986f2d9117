package io.gradguard.bench.peers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The tables {@link PeerComparison} prints: per workload, each peer's ms/step (median and minimum over all
 * measured steps) and its ratio to the engine; at the end, one summary table of all workloads and the
 * guard's overhead where a peer ran both {@link Workload#MLP_TRAINER} and {@link Workload#MLP_GUARDED}.
 *
 * <p>Ratios are engine / peer: the engine's time over the peer's, so above 1 the engine is slower. The paired
 * ratio is the median over rounds of (engine's median in the round) / (peer's median in the round), with the
 * lowest and highest round in brackets; "of minimums" divides the two minimums.
 */
final class PeerReport {
    private static final String ENGINE = "engine";
    private final PrintStream out;

    PeerReport(PrintStream out) {
        this.out = out;
    }

    void header(List<Peer> peers, Options o) {
        out.printf("Peer comparison, %s; JVM %s (%s); %d cores; load average %s%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), loadAverage());
        for (Peer p : peers) {
            out.printf("  %-9s %s%n", p.name(), p.settings());
        }
        out.printf(Locale.ROOT, "Per workload: each peer warms up %.1f s, then %d rounds of %.2f s per peer, the order"
                + " rotating each round.%n", o.warmupSeconds(), o.rounds(), o.roundSeconds());
    }

    void workload(Workload w, List<Measurement> ms, String loadBefore, String loadAfter) {
        out.println();
        out.printf("== %s: %s%n   load average %s before, %s after%n", w.key(), w.description(), loadBefore,
                loadAfter);
        Optional<Measurement> base = find(ms, ENGINE);
        out.printf("%-9s %9s %7s %10s %10s %19s %24s %10s%n", "peer", "params", "steps", "median ms", "min ms",
                "loss first -> last", "engine/peer paired", "of mins");
        for (Measurement m : ms) {
            if (!m.ran()) {
                continue;
            }
            String paired = "-";
            String mins = "-";
            if (base.isPresent() && !m.peer().equals(ENGINE)) {
                paired = pairedText(base.get(), m);
                mins = fmt(base.get().min() / m.min(), 3);
            }
            out.printf(Locale.ROOT, "%-9s %9d %7d %10.3f %10.3f %19s %24s %10s%n", m.peer(), m.parameters(),
                    m.steps(), m.median(), m.min(), loss(m), paired, mins);
        }
        for (Measurement m : ms) {
            if (!m.ran()) {
                out.println("  not run: " + m.skipped());
            }
        }
    }

    void summary(List<Measurement> all, Options o) {
        Set<String> peers = new LinkedHashSet<>();
        all.forEach(m -> peers.add(m.peer()));
        List<String> others = peers.stream().filter(p -> !p.equals(ENGINE)).toList();
        out.println();
        out.println("Summary: ms/step median [min]; engine/peer paired median (lowest-highest round): below 1 the"
                + " engine is faster");
        StringBuilder head = new StringBuilder(String.format("%-12s", "workload"));
        for (String p : peers) {
            head.append(String.format(" %20s", p));
        }
        for (String p : others) {
            head.append(String.format(" %24s", "engine/" + p));
        }
        out.println(head);
        for (Workload w : o.workloads()) {
            List<Measurement> ms = all.stream().filter(m -> m.workload() == w).toList();
            StringBuilder row = new StringBuilder(String.format("%-12s", w.key()));
            for (String p : peers) {
                Optional<Measurement> m = find(ms, p);
                row.append(String.format(" %20s", m.map(x -> fmt(x.median(), 3) + " [" + fmt(x.min(), 3) + "]")
                        .orElse("-")));
            }
            Optional<Measurement> base = find(ms, ENGINE);
            for (String p : others) {
                Optional<Measurement> m = find(ms, p);
                row.append(String.format(" %24s", base.isPresent() && m.isPresent() ? pairedText(base.get(), m.get())
                        : "-"));
            }
            out.println(row);
        }
        guard(all, peers);
    }

    /**
     * mlp-guarded over mlp-trainer per peer: the median of the per-round ratios (the two ran by turns in the
     * same rounds) with their range, then the ratios of the medians and of the minimums.
     */
    private void guard(List<Measurement> all, Set<String> peers) {
        boolean header = false;
        for (String p : peers) {
            Optional<Measurement> plain = all.stream()
                    .filter(m -> m.peer().equals(p) && m.workload() == Workload.MLP_TRAINER && m.ran()).findFirst();
            Optional<Measurement> guarded = all.stream()
                    .filter(m -> m.peer().equals(p) && m.workload() == Workload.MLP_GUARDED && m.ran()).findFirst();
            if (plain.isEmpty() || guarded.isEmpty()) {
                continue;
            }
            if (!header) {
                out.println();
                out.println("Guard overhead: mlp-guarded / mlp-trainer (target <= 1.03): median of the per-round ratios"
                        + " (lowest-highest round); ratio of the medians [of the minimums]");
                header = true;
            }
            double[] r = guarded.get().pairedRatios(plain.get());
            out.printf(Locale.ROOT, "  %-9s %s (%s-%s); %.3f [%.3f]%n", p, fmt(Measurement.median(r), 3),
                    fmt(Arrays.stream(r).min().orElse(Double.NaN), 3), fmt(Arrays.stream(r).max().orElse(Double.NaN), 3),
                    guarded.get().median() / plain.get().median(), guarded.get().min() / plain.get().min());
        }
    }

    private static String pairedText(Measurement base, Measurement m) {
        double[] r = m.pairedRatios(base);
        for (int i = 0; i < r.length; i++) {
            r[i] = 1 / r[i];
        }
        double lo = Arrays.stream(r).min().orElse(Double.NaN);
        double hi = Arrays.stream(r).max().orElse(Double.NaN);
        return fmt(Measurement.median(r), 3) + " (" + fmt(lo, 2) + "-" + fmt(hi, 2) + ")";
    }

    private static String loss(Measurement m) {
        return Double.isNaN(m.firstLoss()) ? "-" : fmt(m.firstLoss(), 3) + " -> " + fmt(m.lastLoss(), 3);
    }

    private static Optional<Measurement> find(List<Measurement> ms, String peer) {
        return ms.stream().filter(m -> m.peer().equals(peer) && m.ran()).findFirst();
    }

    private static String fmt(double v, int digits) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        int d = a >= 100 ? Math.max(0, digits - 2) : a >= 10 ? Math.max(1, digits - 1) : digits;
        return String.format(Locale.ROOT, "%." + d + "f", v);
    }

    /** The first three fields of {@code /proc/loadavg} (1, 5 and 15 minutes), or "unknown". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
