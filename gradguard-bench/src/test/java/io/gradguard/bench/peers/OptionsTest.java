package io.gradguard.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void defaultsRunEveryWorkload() {
        Options o = Options.parse(List.of());
        assertThat(o.workloads()).containsExactly(Workload.values());
        assertThat(o.rounds()).isEqualTo(10);
        assertThat(o.only()).isEmpty();
    }

    @Test
    void parsesEveryOption() {
        Options o = Options.parse(List.of("--quick", "--workloads", "mlp,LSTM", "--rounds", "4", "--round-seconds",
                "0.5", "--warmup-seconds", "2", "--only", "engine,libtorch"));
        assertThat(o.workloads()).containsExactly(Workload.MLP, Workload.LSTM);
        assertThat(o.rounds()).isEqualTo(4);
        assertThat(o.roundSeconds()).isEqualTo(0.5);
        assertThat(o.warmupSeconds()).isEqualTo(2);
        assertThat(o.only()).containsExactly("engine", "libtorch");
    }

    @Test
    void rejectsBadValuesQuotingThem() {
        assertThatThrownBy(() -> Options.parse(List.of("--rounds", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Options.parse(List.of("--workloads", "gru")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gru'")
                .hasMessageContaining("mlp, conv, lstm");
        assertThatThrownBy(() -> Options.parse(List.of("--round-seconds", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> Options.parse(List.of("--rounds")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'--rounds'");
    }
}
