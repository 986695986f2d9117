package io.gradguard.bench.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Settings of a {@link PeerComparison} run.
 *
 * @param workloads what to run, in order
 * @param warmupSeconds time each peer runs a workload before anything is measured
 * @param rounds measured rounds; in each, every peer runs for {@code roundSeconds}, in an order that rotates
 * @param roundSeconds time per peer per round (at least {@link #MIN_CALLS} calls are made regardless)
 * @param only peer names to run (empty: all found)
 */
public record Options(List<Workload> workloads, double warmupSeconds, int rounds, double roundSeconds,
        List<String> only) {
    /** Fewest calls per warm-up and per round, however long a call takes. */
    public static final int MIN_CALLS = 3;

    public Options {
        workloads = List.copyOf(workloads);
        only = List.copyOf(only);
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("peers: at least one workload is needed");
        }
        if (!(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("peers: --warmup-seconds must be >= 0, got " + warmupSeconds);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("peers: --rounds must be >= 1, got " + rounds);
        }
        if (!(roundSeconds > 0)) {
            throw new IllegalArgumentException("peers: --round-seconds must be > 0, got " + roundSeconds);
        }
    }

    /** The default run: every workload, 5 s warm-up, 10 rounds of 1.5 s per peer. */
    public static Options defaults() {
        return new Options(Arrays.asList(Workload.values()), 5, 10, 1.5, List.of());
    }

    /**
     * Parses {@code --quick} (1 s warm-up, 3 rounds of 0.3 s), {@code --workloads mlp,conv,...},
     * {@code --rounds N}, {@code --round-seconds S}, {@code --warmup-seconds S}, {@code --only engine,libtorch}.
     * Later options override earlier ones.
     */
    public static Options parse(List<String> args) {
        Options o = defaults();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--quick")) {
                o = new Options(o.workloads, 1, 3, 0.3, o.only);
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("peers: unknown option or missing value: '" + a + "'; options: "
                        + "--quick --workloads LIST --rounds N --round-seconds S --warmup-seconds S --only LIST");
            }
            String v = args.get(++i);
            o = switch (a) {
                case "--workloads" -> new Options(split(v).stream().map(Workload::of).toList(), o.warmupSeconds,
                        o.rounds, o.roundSeconds, o.only);
                case "--rounds" -> new Options(o.workloads, o.warmupSeconds, parseInt(a, v), o.roundSeconds, o.only);
                case "--round-seconds" -> new Options(o.workloads, o.warmupSeconds, o.rounds, parseDouble(a, v),
                        o.only);
                case "--warmup-seconds" -> new Options(o.workloads, parseDouble(a, v), o.rounds, o.roundSeconds,
                        o.only);
                case "--only" -> new Options(o.workloads, o.warmupSeconds, o.rounds, o.roundSeconds,
                        split(v).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
                default -> throw new IllegalArgumentException("peers: unknown option '" + a + "'");
            };
        }
        return o;
    }

    private static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static int parseInt(String option, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peers: " + option + " must be an integer, got '" + v + "'", e);
        }
    }

    private static double parseDouble(String option, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peers: " + option + " must be a number, got '" + v + "'", e);
        }
    }
}
