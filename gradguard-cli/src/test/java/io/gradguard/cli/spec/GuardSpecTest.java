package io.gradguard.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.detect.DetectorConfig;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.detect.NormSpikeConfig;
import io.gradguard.guard.recover.Recovery;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardSpecTest {
    static final String BASE = """
            model:
              input: 2
              layers: [{dense: 3}]
            data: {name: spirals}
            loss: cross_entropy
            optimizer: {name: sgd, lr: 0.1}
            training: {epochs: 1}
            """;

    static RunSpec parse(String guard) {
        return SpecParser.parse(BASE + guard, "spec.yaml");
    }

    @Test
    void absentOrFalseMeansNoGuardAndTrueOrEmptyMeansDefaults() {
        assertThat(SpecParser.parse(BASE, "spec.yaml").guard()).isNull();
        assertThat(parse("guard: false\n").guard()).isNull();
        assertThat(parse("guard: true\n").guard()).isEqualTo(GuardSpec.defaults());
        assertThat(parse("guard:\n").guard()).isEqualTo(GuardSpec.defaults());
    }

    @Test
    void readsClipDetectorsRecoveryAndTheRest() {
        GuardSpec g = parse("""
                guard:
                  clip: {name: global_norm, max_norm: 0.5, norm_type: .inf}
                  detectors:
                    norm_spike: {z_threshold: 5, max_ratio: 100}
                    dead_units: false
                  recovery:
                    loss_spike: {rollback: {skip_batches: 7, lr_factor: 0.5}}
                    non_finite: halt
                    weight_growth: reduce_lr
                    escalate_after: 2
                  monitor: {costly_every: 5}
                  snapshot_every: 20
                  inject: "nan@10,spike@20x1e3"
                """).guard();
        assertThat(g.clip()).isEqualTo(new ClipPolicy.GlobalNorm(0.5, Double.POSITIVE_INFINITY, false));
        NormSpikeConfig ns = (NormSpikeConfig) g.detectors().stream().filter(d -> d.name().equals("norm_spike"))
                .findFirst().orElseThrow();
        assertThat(ns.zThreshold()).isEqualTo(5);
        assertThat(ns.maxRatio()).isEqualTo(100);
        assertThat(ns.alpha()).isEqualTo(NormSpikeConfig.defaults().alpha());
        assertThat(g.detectors()).extracting(DetectorConfig::name).doesNotContain("dead_units")
                .hasSize(DetectorConfig.defaults().size() - 1);
        assertThat(g.recovery().forKind(IncidentKind.LOSS_SPIKE)).isEqualTo(new Recovery.Rollback(7, false, 0.5));
        assertThat(g.recovery().forKind(IncidentKind.NON_FINITE)).isEqualTo(new Recovery.Halt());
        assertThat(g.recovery().forKind(IncidentKind.WEIGHT_GROWTH)).isEqualTo(new Recovery.ReduceLr(0.5));
        assertThat(g.recovery().escalateAfter()).isEqualTo(2);
        assertThat(g.monitor().costlyEvery()).isEqualTo(5);
        assertThat(g.snapshotEvery()).isEqualTo(20);
        assertThat(g.inject()).isEqualTo("nan@10,spike@20x1e3");
    }

    @Test
    void everyClipPolicyHasASpecName() {
        for (String name : List.of("none", "value", "layer_norm", "global_norm", "autoclip", "agc", "zclip")) {
            GuardSpec g = parse("guard: {clip: " + name + "}\n").guard();
            assertThat(GuardReader.clipName(g.clip())).isEqualTo(name);
        }
        assertThat(parse("guard: {clip: {name: zclip, mode: mean, z_threshold: 3}}\n").guard().clip())
                .isEqualTo(new ClipPolicy.ZClip(0.97, 3, 25, ClipPolicy.ZClip.Mode.MEAN));
    }

    @Test
    void writerRoundTripsTheSection() {
        RunSpec spec = parse("""
                guard:
                  clip: {name: autoclip, percentile: 25}
                  detectors: {vanishing: false, loss_spike: {factor: 5}}
                  recovery: {loss_divergence: skip_step}
                """);
        RunSpec again = SpecParser.parse(SpecWriter.toYaml(spec), "again.yaml");
        assertThat(again.guard()).isEqualTo(spec.guard());
        assertThat(again).isEqualTo(spec);
    }

    @Test
    void badValuesNameTheKeyAndLine() {
        assertThatThrownBy(() -> parse("guard:\n  clip: {name: global_norm, max_norm: -1}\n"))
                .isInstanceOf(SpecException.class)
                .hasMessage("spec.yaml:9: guard.clip: GlobalNorm max_norm must be > 0, got -1.0");
        assertThatThrownBy(() -> parse("guard:\n  clip: {name: autoclip, percentile: 120}\n"))
                .hasMessageContaining("AutoClip percentile must be in [0, 100], got 120.0");
        assertThatThrownBy(() -> parse("guard:\n  clip: clipper\n"))
                .hasMessageContaining("guard.clip: unknown clip policy 'clipper'")
                .hasMessageContaining("known: none, value, layer_norm, global_norm, autoclip, agc, zclip");
        assertThatThrownBy(() -> parse("guard:\n  detectors: {norm_spike: {z_thresh: 3}}\n"))
                .hasMessageContaining("guard.detectors.norm_spike: unknown key 'z_thresh'")
                .hasMessageContaining("known keys: alpha, warmup, z_threshold, max_ratio, ceiling, cooldown");
        assertThatThrownBy(() -> parse("guard:\n  detectors: {norm_spike: {z_threshold: -2}}\n"))
                .hasMessageContaining("norm_spike z_threshold must be > 0, got -2.0");
        assertThatThrownBy(() -> parse("guard:\n  recovery: {non_finite: panic}\n"))
                .hasMessageContaining("guard.recovery.non_finite: unknown action 'panic'");
        assertThatThrownBy(() -> parse("guard:\n  recovery: {non_finite: {reduce_lr: {factor: 2}}}\n"))
                .hasMessageContaining("reduce_lr factor must be in (0, 1), got 2.0");
        assertThatThrownBy(() -> parse("guard:\n  inject: 'nan@x'\n"))
                .hasMessageContaining("guard.inject: --inject 'nan@x': step 'x' must be a whole number");
        assertThatThrownBy(() -> parse("guard:\n  snapshot_every: 0\n"))
                .hasMessageContaining("guard.snapshot_every");
    }
}
