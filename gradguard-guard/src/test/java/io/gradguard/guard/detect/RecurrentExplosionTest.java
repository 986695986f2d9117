package io.gradguard.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrentExplosionTest {
    private static final int H = 8;

    /** A [G*H, H] weight whose gate blocks are {@code scales[g]} times the identity. */
    private static ParamView recurrent(String name, double... scales) {
        float[] w = new float[scales.length * H * H];
        for (int g = 0; g < scales.length; g++) {
            for (int i = 0; i < H; i++) {
                w[g * H * H + i * H + i] = (float) scales[g];
            }
        }
        return ParamView.of(name, new int[] {scales.length * H, H}, w, new float[w.length]);
    }

    private static StepView view(long step, ParamView... params) {
        return new StepView(step, 1.0, 0.1, List.of(params));
    }

    private static StepStats stats(long step) {
        return Steps.loss(step, 1.0);
    }

    @Test
    void reportsTheWorstGateOfAnLstm() {
        // LSTM blocks (i, f, g, o) = 0.5 I, 1.3 I, 0, 0.9 I: the forget gate's block has radius 1.3.
        ParamView lstm = recurrent("lstm.weight_hh_l0", 0.5, 1.3, 0, 0.9);
        ParamView input = recurrent("lstm.weight_ih_l0", 5, 5, 5, 5); // not recurrent: ignored
        RecurrentExplosion d = new RecurrentExplosion(RecurrentExplosionConfig.defaults());
        Incident inc = d.inspect(stats(0), view(0, input, lstm)).orElseThrow();
        assertThat(inc.kind()).isEqualTo(IncidentKind.RECURRENT_EXPLOSION);
        assertThat(inc.layer()).isEqualTo("lstm");
        assertThat((Double) inc.evidence().get("radius")).isCloseTo(1.3, within(1e-6));
        assertThat((Double) inc.evidence().get("sigma_max")).isCloseTo(1.3, within(1e-6));
        assertThat(inc.evidence()).containsEntry("gate", "forget").containsEntry("param", "lstm.weight_hh_l0")
                .containsEntry("hidden", H).containsEntry("gates", 4);
        @SuppressWarnings("unchecked")
        List<Double> radii = (List<Double>) inc.evidence().get("radii");
        assertThat(radii).hasSize(4);
        assertThat(radii.get(0)).isCloseTo(0.5, within(1e-6));
        assertThat(radii.get(2)).isZero();
        assertThat(radii.get(3)).isCloseTo(0.9, within(1e-6));
        assertThat(inc.message()).isEqualTo("recurrent weight lstm.weight_hh_l0 (forget gate, H=8) has spectral "
                + "radius 1.3 > 1 (largest singular value 1.3): gradients can grow through time");
    }

    @Test
    void runsOnlyEveryNSteps() {
        RecurrentExplosion d = new RecurrentExplosion(RecurrentExplosionConfig.defaults());
        ParamView rnn = recurrent("rnn.weight_hh_l0", 2.0);
        assertThat(d.inspect(stats(49), view(49, rnn))).isEmpty();
        Incident inc = d.inspect(stats(50), view(50, rnn)).orElseThrow();
        assertThat(inc.evidence()).containsEntry("gate", "hidden").containsEntry("gates", 1);
        assertThat(inc.message()).startsWith("recurrent weight rnn.weight_hh_l0 (H=8) has spectral radius 2 > 1");
    }

    @Test
    void quietWhenEveryBlockIsContracting() {
        RecurrentExplosion d = new RecurrentExplosion(RecurrentExplosionConfig.defaults());
        assertThat(d.inspect(stats(0), view(0, recurrent("gru.weight_hh_l0", 0.9, 0.99, 0.5)))).isEmpty();
        // A shape that is not [G*H, H] is skipped.
        ParamView odd = ParamView.of("x.weight_hh_l0", new int[] {5, 2}, new float[10], new float[10]);
        assertThat(d.inspect(stats(50), view(50, odd))).isEmpty();
    }

    @Test
    void gateNamesFollowPyTorchOrder() {
        assertThat(RecurrentExplosion.gateName(3, 0)).isEqualTo("reset");
        assertThat(RecurrentExplosion.gateName(3, 2)).isEqualTo("new");
        assertThat(RecurrentExplosion.gateName(4, 2)).isEqualTo("cell");
        assertThat(RecurrentExplosion.gateName(2, 1)).isEqualTo("block 1");
    }

    @Test
    void respectsTheCooldownAndRoundTrips() throws Exception {
        RecurrentExplosionConfig config = new RecurrentExplosionConfig(1, 1.0, 100, 5);
        List<StepStats> stats = new ArrayList<>();
        List<StepView> views = new ArrayList<>();
        for (long step = 0; step < 15; step++) {
            stats.add(stats(step));
            views.add(view(step, recurrent("rnn.weight_hh_l0", 1.5)));
        }
        assertThat(Resume.run(config.create(), stats, views, 0, 15)).extracting(Incident::step)
                .containsExactly(0L, 6L, 12L);
        assertThat(Resume.assertResumes(config, stats, views, 3)).hasSize(2);
    }
}
