package io.gradguard.bench.peers;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Runs every {@link Workload} in every {@link Peer} found on the class path, side by side in this one process,
 * and prints times and ratios ({@link PeerReport}).
 *
 * <p>Per workload: each peer sets up its own weights and inputs, then runs for the warm-up time (JIT, native
 * allocator caches, thread pools); then {@code rounds} rounds in which each peer runs for {@code roundSeconds}
 * in turn, the order rotating every round, each call timed with {@link System#nanoTime()}. What is measured
 * is the wall time of whole steps, each ending with the loss read back (or the backward call returning,
 * for conv and lstm), so work left queued in a native library is not missed. Other processes' load during a
 * round falls on all peers alike; the paired ratios (per-round medians divided) use that. mlp-trainer and
 * mlp-guarded, when both are asked for, are measured in the same rounds, so each peer's guard overhead is a
 * paired ratio too. Between two turns the harness sleeps {@value #SETTLE_MILLIS} ms, so worker threads a native library leaves spinning after
 * its last call (OpenBLAS spins for up to about 0.1 s, OpenMP briefly) are asleep before the next peer starts.
 */
public final class PeerComparison {
    static final long SETTLE_MILLIS = 250;
    private final Options options;
    private final PrintStream out;

    public PeerComparison(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Entry point for {@code BenchMain --peers}: parses {@code args} ({@link Options#parse}) and runs. */
    public static void main(List<String> args) {
        new PeerComparison(Options.parse(args), System.out).run(peers());
    }

    /** The peers on the class path, engine first. */
    public static List<Peer> peers() {
        List<Peer> peers = new ArrayList<>();
        ServiceLoader.load(Peer.class).forEach(peers::add);
        peers.sort(Comparator.comparingInt(Peer::rank).thenComparing(Peer::name));
        return peers;
    }

    public List<Measurement> run(List<Peer> found) {
        List<Peer> peers = found.stream()
                .filter(p -> options.only().isEmpty() || options.only().contains(p.name())).toList();
        PeerReport report = new PeerReport(out);
        report.header(peers, options);
        List<Measurement> all = new ArrayList<>();
        List<Workload> ws = options.workloads();
        boolean guardPair = ws.contains(Workload.MLP_TRAINER) && ws.contains(Workload.MLP_GUARDED);
        for (Workload w : ws) {
            if (guardPair && w == Workload.MLP_GUARDED) {
                continue; // measured with mlp-trainer
            }
            List<Workload> together = guardPair && w == Workload.MLP_TRAINER
                    ? List.of(Workload.MLP_TRAINER, Workload.MLP_GUARDED) : List.of(w);
            String loadBefore = PeerReport.loadAverage();
            List<Measurement> ms = measure(together, peers);
            String loadAfter = PeerReport.loadAverage();
            for (Workload t : together) {
                report.workload(t, ms.stream().filter(m -> m.workload() == t).toList(), loadBefore, loadAfter);
            }
            all.addAll(ms);
            System.gc();
        }
        report.summary(all, options);
        return all;
    }

    /**
     * Measures {@code ws} in every peer, all (peer, workload) slots taking turns in the same rounds: with
     * mlp-trainer and mlp-guarded together, each peer's guarded and unguarded steps are paired by round.
     */
    private List<Measurement> measure(List<Workload> ws, List<Peer> peers) {
        List<Slot> slots = new ArrayList<>();
        List<Measurement> skipped = new ArrayList<>();
        try {
            for (Peer p : peers) {
                for (Workload w : ws) {
                    try {
                        slots.add(new Slot(p.name(), w, p.open(w), options.rounds()));
                    } catch (UnsupportedWorkload e) {
                        skipped.add(Measurement.skipped(p.name(), w, e.getMessage()));
                    }
                }
            }
            for (Slot s : slots) {
                settle();
                s.firstLoss = s.runner.run();
                runFor(s, options.warmupSeconds(), -1);
            }
            for (int r = 0; r < options.rounds(); r++) {
                for (int k = 0; k < slots.size(); k++) {
                    settle();
                    runFor(slots.get((r + k) % slots.size()), options.roundSeconds(), r);
                }
            }
        } finally {
            for (Slot s : slots) {
                s.runner.close();
            }
        }
        List<Measurement> result = new ArrayList<>();
        for (Slot s : slots) {
            double[][] rounds = new double[options.rounds()][];
            for (int r = 0; r < rounds.length; r++) {
                rounds[r] = s.times.get(r).stream().mapToDouble(Double::doubleValue).toArray();
            }
            result.add(new Measurement(s.peer, s.workload, rounds, s.runner.stepsPerCall(), s.parameters, s.firstLoss, s.lastLoss,
                    null));
        }
        result.addAll(skipped);
        return result;
    }

    private static void settle() {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("peer comparison interrupted", e);
        }
    }

    /** Calls {@code s} until {@code seconds} have passed and at least {@link Options#MIN_CALLS} calls were made. */
    private static void runFor(Slot s, double seconds, int round) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int calls = 0;
        while (calls < Options.MIN_CALLS || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            s.lastLoss = s.runner.run();
            long t1 = System.nanoTime();
            if (round >= 0) {
                s.times.get(round).add((t1 - t0) / 1e6 / s.runner.stepsPerCall());
            }
            calls++;
        }
    }

    /** One peer's runner and its times while a workload is measured. */
    private static final class Slot {
        final String peer;
        final Workload workload;
        final StepRunner runner;
        final long parameters;
        final List<List<Double>> times = new ArrayList<>();
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;

        Slot(String peer, Workload workload, StepRunner runner, int rounds) {
            this.peer = peer;
            this.workload = workload;
            this.runner = runner;
            this.parameters = runner.parameters();
            for (int r = 0; r < rounds; r++) {
                times.add(new ArrayList<>());
            }
        }
    }
}
