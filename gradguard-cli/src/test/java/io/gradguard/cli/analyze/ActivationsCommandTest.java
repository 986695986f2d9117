package io.gradguard.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ActivationsCommandTest {
    @Test
    void everyActivationWithItsDerivativeRangeAndRisk() {
        Cli r = Cli.run("analyze", "activations");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\\nsigmoid +4\\.53958e-05 +10 +0\\.25 +0 +vanishing ")
                .containsPattern("\\ngelu +-0\\.128904 +-1\\.4142 +1\\.1289 +1\\.4142 +exploding ")
                .containsPattern("\\nselu .* 1\\.7581 +0 +exploding ")
                .containsPattern("\\nrelu +0 .* 1 .* neutral ");
    }

    @Test
    void jsonListsAllEight() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(Cli.run("analyze", "activations", "--json").out()).get("derivatives");
        assertThat(rows).hasSize(8);
        assertThat(rows.get(1).get("activation").asText()).isEqualTo("tanh");
        assertThat(rows.get(1).get("max_phi'").asDouble()).isEqualTo(1.0);
    }
}
