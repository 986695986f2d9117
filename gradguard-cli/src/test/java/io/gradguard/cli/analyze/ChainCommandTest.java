package io.gradguard.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainCommandTest {
    @Test
    void printsEachLayerAndTheClosedFormBesideAutograd() {
        Cli r = Cli.run("analyze", "chain", "--depth", "4", "--activation", "sigmoid", "--weights", "2,2,2,2",
                "--biases", "0,0,0,0", "--x", "0.5");
        assertThat(r.exit()).as(r.err()).isZero();
        // Layer 1: z = 2 * 0.5 = 1, sigma(1) = 0.731059, sigma'(1) = 0.196612 (hand computed).
        assertThat(r.out()).containsPattern("\\n +1 +2 +0 +1 +0\\.731059 +0\\.196612 +0\\.196612 +0\\.196612\\n");
        assertThat(r.out()).contains("dC/db1 closed form (double): 0.00440478", "agree to 1e-6:               yes");
    }

    @Test
    void jsonAndCsvCarryTheSameNumbers(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("chain.csv");
        Cli r = Cli.run("analyze", "chain", "--depth", "3", "--activation", "tanh", "--json", "--csv", csv.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("analysis").asText()).isEqualTo("chain");
        assertThat(j.get("layers")).hasSize(3);
        double closed = j.get("summary").get("dC/db1 closed form (double)").asDouble();
        double last = j.get("layers").get(2).get("running_product").asDouble();
        assertThat(closed).isEqualTo(last);
        assertThat(j.get("summary").get("relative difference").asDouble()).isLessThan(1e-6);
        assertThat(Files.readAllLines(csv)).hasSize(4).first().asString()
                .isEqualTo("layer,w,b,z,a,tanh'(z),factor,running_product");
    }

    @Test
    void depthZeroIsAUserErrorOnOneLine() {
        Cli r = Cli.run("analyze", "chain", "--depth", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().trim()).isEqualTo("gradguard analyze chain: --depth must be >= 1, got 0");
    }

    @Test
    void badListsAndActivationsAreUserErrors() {
        Cli n = Cli.run("analyze", "chain", "--depth", "4", "--weights", "1,2");
        assertThat(n.exit()).isEqualTo(2);
        assertThat(n.err()).contains("--weights has 2 values but --depth is 4; give one value for every layer or 4 values");
        Cli x = Cli.run("analyze", "chain", "--biases", "0,abc,0,0");
        assertThat(x.exit()).isEqualTo(2);
        assertThat(x.err()).contains("--biases: 'abc' (value 2) is not a number");
        Cli a = Cli.run("analyze", "chain", "--activation", "swish");
        assertThat(a.exit()).isEqualTo(2);
        assertThat(a.err()).contains("--activation: unknown activation 'swish', expected one of [sigmoid, tanh");
    }
}
