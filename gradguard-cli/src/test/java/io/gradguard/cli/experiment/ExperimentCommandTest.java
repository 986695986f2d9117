package io.gradguard.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gradguard.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new String[] {Integer.toString(code), o.toString(), e.toString()};
    }

    @Test
    void anUnknownExperimentIsOneLineListingTheKnownOnes() {
        String[] r = run("experiment", "resnet", "--out", tmp.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2].trim()).isEqualTo("gradguard experiment: unknown experiment 'resnet'; known: depth, init,"
                + " activations, learning-rate, batch-norm, residual, regularization, recurrent, clipping, theory, or all");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void seedsMustBePositive() {
        String[] r = run("experiment", "depth", "--quick", "--seeds", "0", "--out", tmp.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2].trim()).isEqualTo("gradguard experiment: --seeds must be >= 1, got 0");
        String[] n = run("experiment", "depth", "--seeds", "two");
        assertThat(n[0]).isEqualTo("2");
        assertThat(n[2]).contains("Invalid value for option '--seeds'", "'two' is not an int");
    }

    @Test
    void anOutputThatIsAFileIsOneClearLine() throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("taken"), "x");
        String[] r = run("experiment", "theory", "--quick", "--out", file.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("gradguard experiment: cannot write the results under " + file + ": ");
    }

    @Test
    void theRegistryAndTheHelpAgree() {
        assertThat(Experiments.names()).containsExactly("depth", "init", "activations", "learning-rate", "batch-norm",
                "residual", "regularization", "recurrent", "clipping", "theory");
        String help = run("experiment", "--help")[1];
        for (String name : Experiments.names()) {
            assertThat(help).contains(name);
        }
        assertThat(help).contains("--quick", "--seeds", "--out");
    }
}
