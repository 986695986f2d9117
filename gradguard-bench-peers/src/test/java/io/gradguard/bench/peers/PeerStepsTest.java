package io.gradguard.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every peer on the class path builds the same models (the same number of trainable values as the engine's,
 * except DL4J's LSTM, which has one bias per gate where PyTorch and the engine have two), runs each workload's
 * step, and, on the MLP, lowers the loss on its fixed batch: the step includes the update.
 */
class PeerStepsTest {
    private static final int HIDDEN_LSTM = 128;

    private static Peer peer(String name) {
        return PeerComparison.peers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine", "libtorch", "dl4j"})
    void buildsTheSameModels(String name) {
        Map<Workload, Long> expected = Map.of(
                Workload.MLP, 784L * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10,
                Workload.CONV, 64L * 32 * 9 + 64,
                Workload.LSTM, 4L * HIDDEN_LSTM * (128 + HIDDEN_LSTM) + 8 * HIDDEN_LSTM);
        for (Map.Entry<Workload, Long> e : expected.entrySet()) {
            try (StepRunner r = peer(name).open(e.getKey())) {
                long want = e.getValue();
                if (name.equals("dl4j") && e.getKey() == Workload.LSTM) {
                    want -= 4 * HIDDEN_LSTM;
                }
                assertThat(r.parameters()).as(name + " " + e.getKey()).isEqualTo(want);
                double v = r.run();
                assertThat(e.getKey() == Workload.MLP ? Double.isFinite(v) : Double.isNaN(v)).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine", "libtorch", "dl4j"})
    void mlpStepTrains(String name) {
        try (StepRunner r = peer(name).open(Workload.MLP)) {
            double first = r.run();
            double last = first;
            for (int i = 0; i < 30; i++) {
                last = r.run();
            }
            assertThat(first).isBetween(1.5, 4.0);
            assertThat(last).isLessThan(first - 0.02);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine", "libtorch"})
    void trainerStepRunsSixteenBatches(String name) {
        try (StepRunner r = peer(name).open(Workload.MLP_TRAINER)) {
            assertThat(r.stepsPerCall()).isEqualTo(16);
            r.run();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine", "libtorch"})
    void guardedTrainerStepRunsSixteenBatchesOfTheSameModel(String name) {
        try (StepRunner r = peer(name).open(Workload.MLP_GUARDED)) {
            assertThat(r.stepsPerCall()).isEqualTo(16);
            assertThat(r.parameters()).isEqualTo(784L * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10);
            r.run();
            r.run();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dl4j"})
    void saysWhyTheGuardedStepIsMissing(String name) {
        assertThatThrownBy(() -> peer(name).open(Workload.MLP_GUARDED)).isInstanceOf(UnsupportedWorkload.class)
                .hasMessageStartingWith(name + " mlp-guarded: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"libtorch", "dl4j"})
    void reportsItsThreads(String name) {
        assertThat(peer(name).settings()).contains("threads");
    }
}
