package io.gradguard.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole quick suite, run once ({@code gradguard experiment all --quick}, seeds 1..3), then each claim's
 * direction checked on every seed from the points' own measurements, independently of the analyses' verdicts;
 * then the output layout, and a second invocation that must re-run nothing.
 */
@Tag("slow")
class ExperimentSuiteTest {
    @TempDir
    static Path out;
    static String stdout;
    static String stderr;
    static final long[] SEEDS = {1, 2, 3};
    static final double LN3 = Math.log(3);

    @BeforeAll
    static void runTheQuickSuite() {
        String[] r = run("experiment", "all", "--quick", "--out", out.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        stdout = r[1];
        stderr = r[2];
    }

    static String[] run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new String[] {Integer.toString(code), o.toString(), e.toString()};
    }

    /** The outcome of {@code point} of experiment {@code name} for {@code seed}, from its done.json. */
    static Outcome get(String name, String point, long seed) {
        Experiment e = Experiments.select(name).get(0);
        Point p = e.grid(true).stream().filter(x -> x.id().equals(point)).findFirst().orElseThrow();
        return DoneFile.read(out.resolve(name).resolve("runs").resolve(point + "-s" + seed), DoneFile.key(e, p, seed))
                .orElseThrow(() -> new AssertionError("no done.json for " + name + "/" + point + " seed " + seed));
    }

    /** First / last entry of a per-layer series over {@code n} hidden layers. */
    static double ratio(Outcome o, String series, int n) {
        double[] b = o.series(series);
        return b[0] / b[n - 1];
    }

    @Test
    void everyClaimHeldAndTheSummaryPrintedTheTime() throws Exception {
        assertThat(stdout).contains("10 of 10 claims held; total", "quick grid, seeds 1..3");
        assertThat(Files.readAllLines(out.resolve("index.csv"))).hasSize(11).first().isEqualTo(
                "experiment,claim,held,outcome");
        for (String name : Experiments.names()) {
            JsonNode s = new ObjectMapper().readTree(out.resolve(name).resolve("summary.json").toFile());
            assertThat(s.path("held").asBoolean()).as(name + ": " + s.path("outcome").asText()).isTrue();
            assertThat(s.path("quick").asBoolean()).isTrue();
            assertThat(s.path("table").path("rows").size()).isPositive();
            assertThat(s.path("figures").size()).as(name + " has a figure").isPositive();
            for (JsonNode f : s.path("figures")) {
                Path png = out.resolve(name).resolve(f.path("file").asText());
                assertThat(ImageIO.read(png.toFile()).getWidth()).as(png.toString()).isGreaterThan(400);
                assertThat(f.path("caption").asText()).isNotBlank();
            }
            assertThat(out.resolve(name).resolve("results.md")).content().contains("**Claim.**", "**Held: yes.**");
            assertThat(out.resolve(name).resolve("results.csv")).exists();
            // one progress line per finished grid point
            int points = Experiments.select(name).get(0).grid(true).size() * SEEDS.length;
            assertThat(stderr.lines().filter(l -> l.startsWith(name + " [")).count()).isEqualTo(points);
        }
    }

    @Test
    void depthSigmoidGradientsFallTowardTheInputWhileReluHeStaysFlat() {
        for (long s : SEEDS) {
            // 0.25 per layer over 9 steps back is ~4e-6 (the sigmoid's derivative is at most 1/4)
            assertThat(ratio(get("depth", "sigmoid-d10", s), "grad_b", 10)).isLessThan(1e-3);
            assertThat(ratio(get("depth", "relu-d10", s), "grad_b", 10)).isBetween(0.2, 5.0);
        }
    }

    @Test
    void initStdOneExplodesSmallStdVanishesHeAndGlorotStayNearOneAsMeanFieldPredicts() {
        for (long s : SEEDS) {
            assertThat(ratio(get("init", "relu-std1", s), "grad_b0", 20)).isGreaterThan(1e6);
            assertThat(ratio(get("init", "tanh-std1", s), "grad_b0", 20)).isGreaterThan(1e3);
            assertThat(ratio(get("init", "relu-small", s), "grad_b0", 20)).isLessThan(1e-6);
            assertThat(ratio(get("init", "tanh-small", s), "grad_b0", 20)).isLessThan(1e-6);
            assertThat(ratio(get("init", "relu-he", s), "grad_b0", 20)).isBetween(0.1, 10.0);
            assertThat(ratio(get("init", "tanh-glorot", s), "grad_b0", 20)).isBetween(0.01, 10.0);
            double measured = Fit.growthTowardInput(get("init", "relu-std1", s).series("grad_b0"), 0, 20);
            // mean field: sqrt(chi_1) = sqrt(64 / 2) = 5.66 for ReLU with std 1 and fan-in 64
            assertThat(measured).isBetween(5.66 / 1.3, 5.66 * 1.3);
        }
    }

    @Test
    void activationsSigmoidVanishesReluFamilyTrainsAndOnlyReluHasDeadUnits() {
        for (long s : SEEDS) {
            Outcome sigmoid = get("activations", "sigmoid", s);
            assertThat(ratio(sigmoid, "grad_b", 20)).isLessThan(1e-3);
            assertThat(sigmoid.value("final_train_loss")).isBetween(LN3 - 0.05, LN3 + 0.05);
            for (String id : List.of("relu", "leaky-relu", "elu")) {
                Outcome o = get("activations", id, s);
                assertThat(ratio(o, "grad_b", 20)).as(id).isBetween(0.01, 100.0);
                assertThat(o.value("final_train_loss")).as(id).isLessThan(sigmoid.value("final_train_loss"));
            }
            assertThat(get("activations", "relu", s).value("dead_fraction")).isPositive();
            assertThat(get("activations", "leaky-relu", s).value("dead_fraction")).isZero();
            assertThat(get("activations", "elu", s).value("dead_fraction")).isZero();
        }
    }

    @Test
    void learningRateSgdDivergesWhereClippingDoesNot() {
        for (long s : SEEDS) {
            assertThat(LearningRateExperiment.divergenceStep(get("learning-rate", "sgd-lr0.03", s).series("loss")))
                    .isNaN();
            assertThat(LearningRateExperiment.divergenceStep(get("learning-rate", "sgd-lr0.5", s).series("loss")))
                    .isNotNaN();
            assertThat(LearningRateExperiment.divergenceStep(get("learning-rate", "clip-lr0.5", s).series("loss")))
                    .isNaN();
        }
    }

    @Test
    void batchNormTrainsAtARateThatBreaksThePlainNetwork() {
        for (long s : SEEDS) {
            assertThat(get("batch-norm", "bn-lr1", s).value("final_val_accuracy")).isGreaterThanOrEqualTo(0.9);
            assertThat(get("batch-norm", "plain-lr1", s).value("final_val_accuracy")).isLessThan(0.9);
        }
    }

    @Test
    void residualDepth50EndsBelowPlainDepth50OnEverySeed() {
        for (long s : SEEDS) {
            double plain = get("residual", "plain-d50", s).value("final_train_loss");
            assertThat(get("residual", "residual-d50", s).value("final_train_loss")).isLessThan(plain);
            assertThat(plain).as("the plain stack stays at chance").isBetween(LN3 - 0.05, LN3 + 0.05);
        }
    }

    @Test
    void regularisationBoundsWeightsAndGradients() {
        for (long s : SEEDS) {
            Outcome none = get("regularization", "none", s);
            for (String id : List.of("l2", "weight-decay")) {
                Outcome o = get("regularization", id, s);
                assertThat(o.value("final_weight_norm")).as(id).isLessThan(none.value("final_weight_norm"));
                assertThat(o.value("max_grad_norm")).as(id).isLessThan(none.value("max_grad_norm"));
            }
        }
    }

    @Test
    void recurrentRnnExplodesClippingKeepsItFiniteLstmStaysBounded() {
        for (long s : SEEDS) {
            for (int t : RecurrentExperiment.LENGTHS) {
                assertThat(get("recurrent", "rnn-t" + t, s).value("first_nonfinite_step")).isNotNaN();
                assertThat(get("recurrent", "rnn-clip-t" + t, s).value("first_nonfinite_step")).isNaN();
                assertThat(get("recurrent", "lstm-t" + t, s).value("max_grad_norm")).isLessThan(100);
            }
        }
    }

    @Test
    void clippingSurvivesSpikesThatDestroyTheUnclippedRun() {
        for (long s : SEEDS) {
            double clean = get("clipping", "clean", s).value("final_val_accuracy");
            assertThat(get("clipping", "none", s).value("final_val_accuracy")).isLessThan(clean - 0.05);
            for (String id : List.of("value", "global-norm", "autoclip", "agc", "zclip")) {
                assertThat(get("clipping", id, s).value("final_val_accuracy")).as(id)
                        .isGreaterThanOrEqualTo(clean - 0.05);
            }
        }
    }

    @Test
    void theoryWindowAndMeanFieldPhases() {
        Outcome w = get("theory", "sigmoid-window", 1);
        // the widest window: 0.4477 at |w| = 6.894 (closed form; the seeds say about 0.45 at 6.9)
        assertThat(w.value("peak_width")).isBetween(0.447, 0.449);
        assertThat(w.value("peak_w")).isBetween(6.88, 6.91);
        for (long s : SEEDS) {
            Outcome m = get("theory", "mean-field-tanh", s);
            assertThat(m.value("ordered_measured")).isLessThan(0.95);
            assertThat(m.value("critical_measured")).isBetween(0.97, 1.03);
            assertThat(m.value("chaotic_measured")).isGreaterThan(1.05);
        }
    }

    @Test
    void aSecondInvocationRerunsNothing() throws Exception {
        Map<Path, FileTime> before = doneTimes();
        String[] r = run("experiment", "all", "--quick", "--out", out.toString());
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[2].lines().filter(l -> l.matches("^[a-z-]+ \\[\\d+/\\d+].*"))).as("no grid point ran").isEmpty();
        assertThat(r[1]).contains("10 of 10 claims held");
        for (String name : Experiments.names()) {
            int runs = Experiments.select(name).get(0).grid(true).size() * SEEDS.length;
            assertThat(r[1]).containsPattern(name + " +held .* " + runs + " runs \\(" + runs + " reused\\)");
        }
        assertThat(doneTimes()).isEqualTo(before);
    }

    private static Map<Path, FileTime> doneTimes() throws Exception {
        Map<Path, FileTime> m = new HashMap<>();
        try (var s = Files.walk(out)) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("done.json")).toList()) {
                m.put(p, Files.getLastModifiedTime(p));
            }
        }
        return m;
    }
}
