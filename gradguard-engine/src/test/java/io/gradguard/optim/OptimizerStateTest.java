package io.gradguard.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gradguard.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checkpoint state: exact resume through JSON, and loadState / fromJson refusing what does not fit. */
class OptimizerStateTest {

    /** A deterministic gradient that depends on the weights, so the trajectory depends on the state. */
    private static void grad(Parameter p, int step) {
        float[] w = p.value().data();
        float[] g = p.gradBuffer().data();
        for (int i = 0; i < w.length; i++) {
            g[i] = 0.7f * (w[i] - 0.3f * i) + 0.05f * step - 0.02f * i;
        }
    }

    /** Step k of the run: from step 2 on both parameters have gradients; on step 1 only the weight. */
    private static void step(Toy toy, Optimizer opt, int k) {
        grad(toy.weight, k);
        if (k >= 2) {
            grad(toy.bias, k);
        }
        opt.step();
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    @ParameterizedTest
    @MethodSource("io.gradguard.optim.OptimizerTest#configs")
    void resumeThroughJsonIsBitExact(OptimizerConfig c) {
        Toy a = Toy.inNetwork(5, 3);
        Optimizer optA = c.build(a.params());
        for (int k = 1; k <= 3; k++) {
            step(a, optA, k);
        }
        optA.setLr(c.lr() * 0.5);
        String json = optA.state().toJson();

        Toy b = Toy.inNetwork(5, 3);
        b.weight.value().copyFrom(a.weight.value());
        b.bias.value().copyFrom(a.bias.value());
        Optimizer optB = c.build(b.params());
        optB.loadState(OptimizerState.fromJson(json));
        assertThat(optB.stepCount()).isEqualTo(3);
        assertThat(optB.lr()).isEqualTo(c.lr() * 0.5);

        for (int k = 4; k <= 5; k++) {
            step(a, optA, k);
            step(b, optB, k);
        }
        assertThat(bits(Toy.w(b.weight))).containsExactly(bits(Toy.w(a.weight)));
        assertThat(bits(Toy.w(b.bias))).containsExactly(bits(Toy.w(a.bias)));
    }

    @Test
    void resumingWithoutTheStateWouldDiffer() {
        // Control for the test above: a fresh Adam (no moments, t restarting at 1) takes different steps.
        OptimizerConfig c = AdamConfig.of(0.01);
        Toy a = Toy.inNetwork(5, 3);
        Optimizer optA = c.build(a.params());
        for (int k = 1; k <= 3; k++) {
            step(a, optA, k);
        }
        Toy b = Toy.inNetwork(5, 3);
        b.weight.value().copyFrom(a.weight.value());
        b.bias.value().copyFrom(a.bias.value());
        Optimizer optB = c.build(b.params());
        for (int k = 4; k <= 5; k++) {
            step(a, optA, k);
            step(b, optB, k);
        }
        assertThat(bits(Toy.w(b.weight))).isNotEqualTo(bits(Toy.w(a.weight)));
    }

    @Test
    void jsonRoundTripKeepsEveryBit() {
        float[] odd = {Float.MIN_VALUE, -0f, Float.MAX_VALUE, 1.1754942E-38f, Float.NaN, 0.1f};
        Map<String, Map<String, float[]>> buffers = new LinkedHashMap<>();
        buffers.put("layers.0.weight", Map.of("momentum_buffer", odd));
        buffers.put("layers.0.bias", Map.of());
        OptimizerState s = new OptimizerState("sgd", 7, 0.1 / 3, Map.of("momentum", 0.9, "layers.0.weight/step", 7.0),
                buffers);
        OptimizerState back = OptimizerState.fromJson(s.toJson());
        assertThat(back.optimizer()).isEqualTo("sgd");
        assertThat(back.step()).isEqualTo(7);
        assertThat(back.lr()).isEqualTo(0.1 / 3);
        assertThat(back.scalars()).isEqualTo(s.scalars());
        assertThat(back.buffers().keySet()).containsExactly("layers.0.weight", "layers.0.bias");
        assertThat(bits(back.buffers().get("layers.0.weight").get("momentum_buffer"))).containsExactly(bits(odd));
        assertThat(s.toJson()).contains("\"format\":\"gradguard.optimizer_state\"", "\"version\":1");
    }

    @Test
    void malformedJsonIsRejectedClearly() {
        String json = stateOf(AdamConfig.defaults(), 4).toJson();
        assertThatThrownBy(() -> OptimizerState.fromJson(json.substring(0, json.length() / 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("optimizer state JSON is malformed or truncated at line 1");
        assertThatThrownBy(() -> OptimizerState.fromJson(json + "}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("optimizer state JSON is malformed or truncated");
        assertThatThrownBy(() -> OptimizerState.fromJson("[1, 2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state JSON must be an object, got ARRAY");
        assertThatThrownBy(() -> OptimizerState.fromJson(json.replace("\"lr\":", "\"rate\":")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state JSON lacks field 'lr'");
        assertThatThrownBy(() -> OptimizerState.fromJson(json.replace("\"step\":1", "\"step\":1.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state JSON field 'step' must be a whole number, got 1.5");
        assertThatThrownBy(() -> OptimizerState.fromJson(json.replace("gradguard.optimizer_state", "other")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state JSON has format 'other', expected 'gradguard.optimizer_state'");
    }

    @Test
    void bufferThatIsNotWholeFloatsIsRejected() {
        // 6 bytes ("AAAAAAAA" is base64 of 6 zero bytes): not a whole number of float32 values
        String json = "{\"format\":\"gradguard.optimizer_state\",\"version\":1,\"optimizer\":\"adagrad\",\"step\":1,"
                + "\"lr\":0.01,\"scalars\":{},\"buffers\":{\"w\":{\"sum\":\"AAAAAAAA\"}}}";
        assertThatThrownBy(() -> OptimizerState.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state JSON field 'buffers.w.sum' holds 6 bytes, not a whole number of float32"
                        + " values (4 bytes each)");
        assertThatThrownBy(() -> OptimizerState.fromJson(json.replace("AAAAAAAA", "not*base64")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("optimizer state JSON field 'buffers.w.sum' is not valid base64");
    }

    /** State of {@code c} over a {@code layers.0} toy with {@code n} weights, after one step. */
    private static OptimizerState stateOf(OptimizerConfig c, int n) {
        Toy t = Toy.inNetwork(n, 2);
        Optimizer opt = c.build(t.params());
        step(t, opt, 1);
        return opt.state();
    }

    @Test
    void loadStateNamesTheMismatch() {
        Toy toy = Toy.inNetwork(8, 2);
        Optimizer adam = AdamConfig.defaults().build(toy.params());

        assertThatThrownBy(() -> adam.loadState(stateOf(SgdConfig.withMomentum(0.1, 0.9), 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state is for 'sgd' but this optimizer is 'adam'");
        assertThatThrownBy(() -> adam.loadState(stateOf(AdamConfig.defaults(), 12)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state for 'layers.0.weight' has exp_avg of 12 values but the parameter has 8");
        assertThatThrownBy(() -> adam.loadState(stateOf(new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, true), 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("optimizer state for 'layers.0.weight' has unexpected buffer max_exp_avg_sq");

        Optimizer ams = new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, true).build(toy.params());
        assertThatThrownBy(() -> ams.loadState(stateOf(AdamConfig.defaults(), 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state for 'layers.0.weight' lacks max_exp_avg_sq (it has [exp_avg, exp_avg_sq])");

        Optimizer weightOnly = AdamConfig.defaults().build(List.of(toy.weight));
        assertThatThrownBy(() -> weightOnly.loadState(stateOf(AdamConfig.defaults(), 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("optimizer state has parameter 'layers.0.bias' that this optimizer does not have");
        OptimizerState weightOnlyState = weightOnly.state();
        assertThatThrownBy(() -> adam.loadState(weightOnlyState))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state has no entry for parameter 'layers.0.bias'");
    }

    @Test
    void failedLoadChangesNothing() {
        Toy toy = Toy.inNetwork(8, 2);
        Optimizer adam = AdamConfig.defaults().build(toy.params());
        step(toy, adam, 1);
        OptimizerState before = adam.state();
        // the weight's entry is fine, the bias's is too short: nothing may be half-loaded
        OptimizerState good = stateOf(AdamConfig.of(0.5), 8);
        Map<String, Map<String, float[]>> buffers = new LinkedHashMap<>(good.buffers());
        buffers.put("layers.0.bias", Map.of("exp_avg", new float[1], "exp_avg_sq", new float[2]));
        Map<String, Double> scalars = new LinkedHashMap<>(good.scalars());
        scalars.put("layers.0.bias/step", 1.0);
        OptimizerState bad = new OptimizerState("adam", 1, 0.5, scalars, buffers);
        assertThatThrownBy(() -> adam.loadState(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("optimizer state for 'layers.0.bias' has exp_avg of 1 values but the parameter has 2");
        OptimizerState after = adam.state();
        assertThat(after.lr()).isEqualTo(before.lr());
        assertThat(after.buffers().get("layers.0.weight").get("exp_avg"))
                .containsExactly(before.buffers().get("layers.0.weight").get("exp_avg"));
    }

    @Test
    void stateIsASnapshot() {
        Toy toy = Toy.inNetwork(2, 1);
        Optimizer opt = SgdConfig.withMomentum(0.1, 0.9).build(toy.params());
        step(toy, opt, 1);
        OptimizerState s = opt.state();
        float[] saved = s.buffers().get("layers.0.weight").get("momentum_buffer").clone();
        step(toy, opt, 2);
        assertThat(s.buffers().get("layers.0.weight").get("momentum_buffer")).containsExactly(saved);
        assertThat(s.step()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.gradguard.optim.OptimizerTest#configs")
    void stateIntoReusedArraysEqualsAFreshStateAndAllocatesNoBuffer(OptimizerConfig c) {
        Toy toy = Toy.inNetwork(6, 3);
        Optimizer opt = c.build(toy.params());
        for (int k = 1; k <= 2; k++) {
            step(toy, opt, k);
        }
        OptimizerState first = opt.state();
        step(toy, opt, 3);
        OptimizerState fresh = opt.state();
        OptimizerState reused = opt.state(first);
        assertThat(reused.step()).isEqualTo(fresh.step());
        assertThat(reused.scalars()).isEqualTo(fresh.scalars());
        for (String p : fresh.buffers().keySet()) {
            for (String k : fresh.buffers().get(p).keySet()) {
                float[] got = reused.buffers().get(p).get(k);
                assertThat(bits(got)).as(p + "/" + k).isEqualTo(bits(fresh.buffers().get(p).get(k)));
                assertThat(got).as("reuses the array of " + p + "/" + k).isSameAs(first.buffers().get(p).get(k));
            }
        }
        // the state of another optimiser is not written into: fresh arrays, same values
        Map<String, Map<String, float[]>> foreign = new LinkedHashMap<>();
        fresh.buffers().forEach((p, m) -> {
            Map<String, float[]> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, new float[v.length]));
            foreign.put(p, copy);
        });
        OptimizerState other = new OptimizerState("other", 0, 1.0, Map.of(), foreign);
        OptimizerState notReused = opt.state(other);
        notReused.buffers().forEach((p, m) -> m.forEach((k, v) -> {
            assertThat(v).isNotSameAs(foreign.get(p).get(k));
            assertThat(bits(v)).isEqualTo(bits(fresh.buffers().get(p).get(k)));
        }));
    }
}
