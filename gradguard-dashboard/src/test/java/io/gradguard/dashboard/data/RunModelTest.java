package io.gradguard.dashboard.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunModelTest {
    static Map<String, Object> step(long s, String... layers) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", "step");
        row.put("step", s);
        row.put("loss", 1.0 / (s + 1));
        row.put("grad_norm", 2.0);
        row.put("action", s == 3 ? "skip_step" : "proceed");
        row.put("clip", Map.of("total_norm", 2.0, "threshold", 1.0, "clipped", true));
        List<Map<String, Object>> ls = new ArrayList<>();
        for (String l : layers) {
            ls.add(Map.of("name", l, "grad_norm", 1.0, "update_ratio", -3.0));
        }
        row.put("layers", ls);
        return row;
    }

    @Test
    void countsStepsEpochsActionsAndClipsAndKeepsTheLatestValues() {
        RunModel m = new RunModel();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long s = 0; s < 10; s++) {
            rows.add(step(s, "fc1", "fc2"));
        }
        rows.add(Map.of("kind", "epoch", "epoch", 0, "step", 10, "train_loss", 0.5, "val_loss", 0.6));
        rows.add(Map.of("kind", "note", "step", 3));
        rows.add(Map.of("kind", "step"));
        m.addMetrics(rows);
        Map<String, Object> s = m.summary();
        assertThat(s).containsEntry("steps", 10L).containsEntry("epochs", 1L).containsEntry("last_step", 9L)
                .containsEntry("last_loss", 0.1).containsEntry("layers", 2).containsEntry("clipped", 10L)
                .containsEntry("repeated", 0L).containsEntry("actions", Map.of("proceed", 9L, "skip_step", 1L));
    }

    @Test
    void stepsARunRepeatsAfterAResumeAreNotDrawnTwice() {
        RunModel m = new RunModel();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long s = 0; s < 10; s++) {
            rows.add(step(s));
        }
        for (long s = 5; s < 15; s++) {
            rows.add(step(s));
        }
        m.addMetrics(rows);
        assertThat(m.summary()).containsEntry("steps", 15L).containsEntry("repeated", 5L)
                .containsEntry("last_step", 14L);
        assertThat((List<?>) m.series(100).get("x")).hasSize(15);
    }

    @Test
    @SuppressWarnings("unchecked")
    void layersKeepModelOrderAndALayerSeenLateJoins() {
        RunModel m = new RunModel();
        m.addMetrics(List.of(step(0, "a", "b"), step(1, "a", "b", "c")));
        Map<String, Object> l = m.layerSeries(LayerMetric.UPDATE_RATIO, 100);
        assertThat((List<String>) l.get("layers")).containsExactly("a", "b", "c");
        assertThat(((Map<String, List<Double>>) l.get("y")).get("c")).containsExactly(null, -3.0);
        Map<String, Object> h = m.heatmap(LayerMetric.GRAD_NORM, 10);
        assertThat((List<List<Double>>) h.get("values")).hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void incidentsAreNumberedPagedAndLinked() {
        RunModel m = new RunModel();
        m.addIncidents(List.of(Map.of("step", 1, "kind", "non_finite"), Map.of("step", 5, "kind", "loss_spike"),
                Map.of("step", 9, "kind", "non_finite")));
        Map<String, Object> page = m.incidents(1, 5, i -> List.of(String.valueOf(i.get("kind")).toUpperCase()));
        assertThat(page).containsEntry("total", 3).containsEntry("offset", 1);
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("incidents");
        assertThat(items).extracting(i -> i.get("index")).containsExactly(1, 2);
        assertThat(items.get(0)).containsEntry("causes", List.of("LOSS_SPIKE"));
        assertThat(m.summary()).containsEntry("incidents", 3)
                .containsEntry("incident_kinds", Map.of("non_finite", 2L, "loss_spike", 1L));
        assertThat((List<?>) m.incidents(3, 5, i -> List.of()).get("incidents")).isEmpty();
    }

    @Test
    void layerMetricsParseByKey() {
        assertThat(LayerMetric.parse("update_ratio")).isEqualTo(LayerMetric.UPDATE_RATIO);
        assertThatThrownBy(() -> LayerMetric.parse("nan")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric must be one of grad_norm, grad_max, weight_norm, update_ratio, dead, got 'nan'");
    }
}
