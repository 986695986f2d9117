package io.gradguard.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerComparisonTest {
    /** A peer whose steps do a fixed amount of busy work; it cannot run conv. */
    private static final class FakePeer implements Peer {
        final String name;
        final int work;
        final List<String> closed = new ArrayList<>();

        FakePeer(String name, int work) {
            this.name = name;
            this.work = work;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String settings() {
            return "fake, " + work + " units";
        }

        @Override
        public int rank() {
            return name.equals("engine") ? 0 : 1;
        }

        @Override
        public StepRunner open(Workload w) {
            if (w == Workload.CONV) {
                throw new UnsupportedWorkload(name, w, "no convolutions here");
            }
            return new StepRunner() {
                double x = 1;

                @Override
                public double run() {
                    for (int i = 0; i < work; i++) {
                        x = Math.sqrt(x + i);
                    }
                    return w == Workload.MLP ? x : Double.NaN;
                }

                @Override
                public long parameters() {
                    return work;
                }

                @Override
                public void close() {
                    closed.add(w.key());
                }
            };
        }
    }

    @Test
    void runsEveryPeerInEveryRoundAndClosesThem() {
        FakePeer engine = new FakePeer("engine", 1000);
        FakePeer other = new FakePeer("other", 1000);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Options o = new Options(List.of(Workload.MLP, Workload.CONV), 0, 4, 0.001, List.of());
        List<Measurement> ms = new PeerComparison(o, new PrintStream(buf, true, StandardCharsets.UTF_8))
                .run(List.of(other, engine));
        String out = buf.toString(StandardCharsets.UTF_8);

        Measurement mlp = ms.stream().filter(m -> m.peer().equals("other") && m.workload() == Workload.MLP)
                .findFirst().orElseThrow();
        assertThat(mlp.rounds()).hasNumberOfRows(4);
        for (double[] round : mlp.rounds()) {
            assertThat(round.length).isGreaterThanOrEqualTo(Options.MIN_CALLS);
        }
        assertThat(mlp.firstLoss()).isFinite();
        assertThat(engine.closed).containsExactly("mlp");
        assertThat(other.closed).containsExactly("mlp");
        assertThat(ms).anySatisfy(m -> assertThat(m.skipped()).contains("no convolutions here"));
        assertThat(out).contains("== mlp:", "== conv:", "not run: other conv: no convolutions here", "Summary",
                "engine/other");
    }

    @Test
    void onlyKeepsTheNamedPeers() {
        FakePeer engine = new FakePeer("engine", 10);
        FakePeer other = new FakePeer("other", 10);
        Options o = new Options(List.of(Workload.LSTM), 0, 1, 0.001, List.of("other"));
        List<Measurement> ms = new PeerComparison(o, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run(List.of(engine, other));
        assertThat(ms).extracting(Measurement::peer).containsExactly("other");
    }

    @Test
    void pairedRatiosDivideTheRoundMedians() {
        Measurement base = new Measurement("engine", Workload.MLP, new double[][] {{1, 2, 3}, {2, 2, 9}}, 1, 5, 0,
                0, null);
        Measurement peer = new Measurement("p", Workload.MLP, new double[][] {{4, 4, 4}, {1, 1, 1}}, 2, 5, 0, 0,
                null);
        assertThat(peer.pairedRatios(base)).containsExactly(2.0, 0.5);
        assertThat(peer.median()).isEqualTo(2.5, within(1e-12));
        assertThat(peer.min()).isEqualTo(1.0);
        assertThat(peer.steps()).isEqualTo(12);
    }

    @Test
    void trainerAndGuardedTakeTurnsInTheSameRoundsAndTheOverheadIsPaired() {
        // "engine" does twice the work when guarded; the guarded and plain slots of one peer share each round.
        List<String> order = new ArrayList<>();
        Peer engine = new Peer() {
            public String name() {
                return "engine";
            }

            public String settings() {
                return "fake";
            }

            public int rank() {
                return 0;
            }

            public StepRunner open(Workload w) {
                int work = w == Workload.MLP_GUARDED ? 40_000 : 20_000;
                return new StepRunner() {
                    double x = 1;

                    public double run() {
                        order.add(w.key());
                        for (int i = 0; i < work; i++) {
                            x = Math.sqrt(x + i);
                        }
                        return x;
                    }

                    public long parameters() {
                        return 1;
                    }
                };
            }
        };
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Options o = new Options(List.of(Workload.MLP_TRAINER, Workload.MLP_GUARDED), 0, 3, 0.001, List.of());
        List<Measurement> ms = new PeerComparison(o, new PrintStream(buf, true, StandardCharsets.UTF_8))
                .run(List.of(engine));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(ms).extracting(Measurement::workload).containsExactly(Workload.MLP_TRAINER, Workload.MLP_GUARDED);
        // one warm-up pass each, then per round both, in rotating order: the two alternate turns
        int switches = 0;
        for (int i = 1; i < order.size(); i++) {
            switches += order.get(i).equals(order.get(i - 1)) ? 0 : 1;
        }
        assertThat(switches).isGreaterThanOrEqualTo(4);
        // Paired: ratio i divides the two workloads' medians of the same round i. (No timing is asserted: the
        // guarded slot does twice the work, but a unit test on a shared 2-core machine cannot rely on that
        // showing; an earlier "> 1.3" failed at 1.28 in a CI run.)
        Measurement plain = ms.get(0);
        Measurement guarded = ms.get(1);
        assertThat(plain.rounds()).hasNumberOfRows(3);
        assertThat(guarded.rounds()).hasNumberOfRows(3);
        double[] r = guarded.pairedRatios(plain);
        assertThat(r).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(r[i]).isEqualTo(Measurement.median(guarded.rounds()[i]) / Measurement.median(plain.rounds()[i]));
        }
        assertThat(out).contains("== mlp-trainer:", "== mlp-guarded:", "Guard overhead: mlp-guarded / mlp-trainer",
                "median of the per-round ratios");
    }
}
