package io.gradguard.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosisLinksTest {
    static final Map<String, Object> DIAGNOSIS = Map.of("causes", List.of(
            Map.of("cause", "bad_init_scale", "evidence", List.of("depth_explosion at step 0",
                    "non_finite at steps 1, 2, 3, 4, 5, ... (24 in all)")),
            Map.of("cause", "depth_without_normalization", "evidence", List.of("depth_explosion at step 0")),
            Map.of("cause", "transient_fault", "evidence", List.of())));

    @Test
    void anIncidentBelongsToEachCauseWhoseEvidenceNamesItsKind() {
        assertThat(DiagnosisLinks.causes(DIAGNOSIS, Map.of("kind", "depth_explosion", "step", 0)))
                .containsExactly("bad_init_scale", "depth_without_normalization");
        assertThat(DiagnosisLinks.causes(DIAGNOSIS, Map.of("kind", "non_finite", "step", 7)))
                .containsExactly("bad_init_scale");
        assertThat(DiagnosisLinks.causes(DIAGNOSIS, Map.of("kind", "non", "step", 7))).isEmpty();
        assertThat(DiagnosisLinks.causes(DIAGNOSIS, Map.of("kind", "loss_spike"))).isEmpty();
    }

    @Test
    void withoutADiagnosisNothingIsLinked() {
        assertThat(DiagnosisLinks.causes(null, Map.of("kind", "non_finite"))).isEmpty();
        assertThat(DiagnosisLinks.causes(Map.of("incidents", Map.of()), Map.of("kind", "non_finite"))).isEmpty();
    }
}
