package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checkpoint round trips: a detector restored from JSON state must continue exactly as the original. */
final class Resume {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Resume() {
    }

    static List<Incident> run(Detector d, List<StepStats> stats, List<StepView> views, int from, int to) {
        List<Incident> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            d.inspect(stats.get(i), views.get(i)).ifPresent(out::add);
        }
        return out;
    }

    /** Runs {@code d} over every step, with views without parameters. */
    static List<Incident> run(Detector d, List<StepStats> stats) {
        return run(d, stats, emptyViews(stats), 0, stats.size());
    }

    static List<Incident> assertResumes(DetectorConfig config, List<StepStats> stats, int split) throws Exception {
        return assertResumes(config, stats, emptyViews(stats), split);
    }

    /**
     * Runs one detector over every step and another over the first {@code split}; restores a third from
     * the second's state after a JSON round trip and checks it reports exactly what the first did after
     * {@code split}. The third has already seen every step, so restore must replace all of its history.
     * Returns those incidents so the caller can check the comparison was not vacuous.
     */
    static List<Incident> assertResumes(DetectorConfig config, List<StepStats> stats, List<StepView> views,
                                        int split) throws Exception {
        List<Incident> whole = run(config.create(), stats, views, 0, stats.size());
        Detector first = config.create();
        run(first, stats, views, 0, split);
        String json = JSON.writeValueAsString(first.state());
        Map<String, Object> state = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        Detector resumed = config.create();
        run(resumed, stats, views, 0, stats.size());
        resumed.restore(state);
        List<Incident> after = run(resumed, stats, views, split, stats.size());
        List<Incident> expected = whole.stream().filter(i -> i.step() >= split).toList();
        assertThat(after).as("incidents after resuming at %d from %s", split, json).isEqualTo(expected);
        return after;
    }

    private static List<StepView> emptyViews(List<StepStats> stats) {
        return stats.stream().map(s -> Steps.view(s.step())).toList();
    }
}
