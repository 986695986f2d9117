package io.gradguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.io.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The architecture examples end to end, each as a user runs it: {@code gradguard train examples/X.yaml} in its
 * own JVM with a 2 GiB heap ({@code -Xmx2g}, the issue's bound; a run that needed more would die of
 * OutOfMemoryError). The GC log of each run gives its heap figures, printed at the end.
 *
 * <p>The thresholds are set well inside what was measured on these seeds (see each example's comments; the
 * figures below are for the example's own seed 42), so that they hold across machines whose float rounding
 * differs. Together about 30 s on 2 cores.
 */
@Tag("slow")
class ArchitectureExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    /** ln 3: the cross-entropy of a uniform guess over three classes. */
    static final double CHANCE_LOSS_3 = Math.log(3);
    /** The adding problem's MSE for always predicting the mean, 1/6 (Var of a sum of two U(0, 1)). */
    static final double ADDING_BASELINE = 1.0 / 6;
    static final List<String> HEAP = new ArrayList<>();

    @TempDir
    static Path tmp;

    /** One example run in a child JVM: exit code, output, metrics, and the heap as its GC log saw it. */
    record Run(String name, int exit, String out, List<Map<String, Object>> epochs, List<Map<String, Object>> steps,
               long peakBeforeGc, long maxAfterGc, int gcs) {
        double last(String key) {
            return num(epochs.get(epochs.size() - 1).get(key));
        }

        /** The first epoch (1-based) whose training accuracy reaches {@code level}, or epochs + 1. */
        int epochsTo(double level) {
            for (int i = 0; i < epochs.size(); i++) {
                if (num(epochs.get(i).get("train_accuracy")) >= level) {
                    return i + 1;
                }
            }
            return epochs.size() + 1;
        }

        double maxGradNorm() {
            return steps.stream().mapToDouble(s -> num(s.get("grad_norm"))).filter(d -> !Double.isNaN(d)).max()
                    .orElse(Double.NaN);
        }

        long nonFiniteLosses() {
            return steps.stream().filter(s -> !Double.isFinite(num(s.get("loss")))).count();
        }
    }

    /** A metrics value: a number, or the strings "NaN" / "Infinity" that stand for non-finite ones. */
    static double num(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
    }

    static Run train(String example, String... extra) throws IOException, InterruptedException {
        return trainAs(example, example, extra);
    }

    /** @param name the run's directory name under the test's folder, and its label in the heap table */
    static Run trainAs(String name, String example, String... extra) throws IOException, InterruptedException {
        Path dir = tmp.resolve(name);
        Path gcLog = tmp.resolve(name + "-gc.log");
        Path out = tmp.resolve(name + ".out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Xmx2g", "-Xlog:gc:file=" + gcLog, "-cp",
                System.getProperty("java.class.path"), "io.gradguard.cli.Main", "train",
                EXAMPLES.resolve(example + ".yaml").toString(), "--out", dir.toString(), "-q"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(example + " finished within 5 minutes").isTrue();
        String text = Files.readString(out);
        assertThat(text).as(example).doesNotContain("OutOfMemoryError");
        List<Map<String, Object>> metrics = JsonLines.read(dir.resolve("metrics.jsonl"));
        long before = 0;
        long after = 0;
        int gcs = 0;
        Matcher m = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(").matcher(Files.readString(gcLog));
        while (m.find()) {
            before = Math.max(before, bytes(m.group(1), m.group(2)));
            after = Math.max(after, bytes(m.group(3), m.group(4)));
            gcs++;
        }
        Run r = new Run(name, p.exitValue(), text, metrics.stream().filter(x -> "epoch".equals(x.get("kind"))).toList(),
                metrics.stream().filter(x -> "step".equals(x.get("kind"))).toList(), before, after, gcs);
        HEAP.add(String.format(Locale.ROOT, "%-28s %3d GCs, heap before GC at most %4d MB, live after GC at most "
                + "%3d MB (-Xmx2g)", name, gcs, before >> 20, after >> 20));
        assertThat(r.exit).as(text).isZero();
        return r;
    }

    private static long bytes(String n, String unit) {
        long v = Long.parseLong(n);
        return switch (unit) {
            case "K" -> v << 10;
            case "M" -> v << 20;
            default -> v << 30;
        };
    }

    @AfterAll
    static void printHeap() {
        System.out.println("Heap of the architecture examples (from -Xlog:gc):");
        HEAP.forEach(System.out::println);
    }

    @Test
    void residualMlpTrainsAtDepth50WhereThePlainOneStaysAtChance() throws Exception {
        Run plain = train("plain-mlp-50");
        Run residual = train("residual-mlp-50");
        // Measured: plain 1.0988 (ln 3 = 1.0986), residual 0.054 with 95.3% validation accuracy.
        assertThat(plain.last("train_loss")).isGreaterThan(CHANCE_LOSS_3 - 0.05);
        assertThat(residual.last("train_loss")).isLessThan(0.3).isLessThan(plain.last("train_loss") / 3);
        assertThat(residual.last("val_accuracy")).isGreaterThan(0.85);
        assertThat(plain.last("val_accuracy")).isLessThan(0.45);
    }

    @Test
    void cnnLearnsTheBarsAndBatchNormGetsThereFaster() throws Exception {
        Run plain = train("cnn-bars");
        Run bn = train("cnn-bars-batchnorm");
        // Chance is 25% (four balanced classes). Measured: 94.7% without BN (90% training accuracy first at
        // epoch 9), 99.3% with BN (90% at epoch 3); over seeds 42, 1-4: epochs 5-9 against 2-3.
        assertThat(plain.last("val_accuracy")).isGreaterThan(0.7);
        assertThat(bn.last("val_accuracy")).isGreaterThan(0.9).isGreaterThanOrEqualTo(plain.last("val_accuracy") - 0.02);
        assertThat(bn.epochsTo(0.9)).isLessThan(plain.epochsTo(0.9));
    }

    @Test
    void vanillaRnnExplodesAndTheLstmLearnsTheAddingProblem() throws Exception {
        Run rnn = train("rnn-adding");
        // Measured: gradient norm 1e13 at step 7, NaN loss from step 57 on.
        assertThat(rnn.out).contains("DIVERGED");
        assertThat(rnn.nonFiniteLosses()).isGreaterThan(0);
        assertThat(rnn.maxGradNorm()).isGreaterThan(1e6);
        Run lstm = train("lstm-adding");
        // Measured: validation MSE 0.0003 after 15 epochs, off the 1/6 plateau in epoch 6.
        assertThat(lstm.out).doesNotContain("DIVERGED");
        assertThat(lstm.last("val_loss")).isLessThan(ADDING_BASELINE / 4);
    }

    @Test
    void clippingKeepsTheRnnFiniteButItStillCannotCarryTheValues() throws Exception {
        Run clipped = trainAs("rnn-adding-clipped", "rnn-adding", "--guard", "--set", "guard.clip={name: global_norm, max_norm: 1.0}");
        // Measured: no non-finite loss, validation MSE 0.21 (0.16-0.21 over seeds 42, 1, 2): clipping stops the
        // explosion, but the vanilla RNN stays near the 1/6 baseline, far above the LSTM.
        assertThat(clipped.out).doesNotContain("DIVERGED").contains("clipped");
        assertThat(clipped.nonFiniteLosses()).isZero();
        assertThat(clipped.last("val_loss")).isGreaterThan(ADDING_BASELINE / 2).isLessThan(1.0);
    }
}
