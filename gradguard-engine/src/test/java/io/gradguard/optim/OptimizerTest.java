package io.gradguard.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour shared by every optimiser: skipping, lr, zeroGrad, parameter list checks, no per-step allocation. */
class OptimizerTest {
    static Stream<OptimizerConfig> configs() {
        return Stream.of(
                new SgdConfig(0.1, 0.9, 0, 0.01, true),
                new AdamConfig(0.01, 0.9, 0.999, 1e-8, 0.01, true),
                AdamWConfig.of(0.01),
                new RmspropConfig(0.01, 0.99, 1e-8, 0.01, 0.9, true),
                new AdagradConfig(0.1, 0.01, 0.01, 0.1, 1e-10));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void parametersWithoutGradientAreSkipped(OptimizerConfig c) {
        Toy toy = Toy.inNetwork(2, 2);
        Optimizer opt = c.build(toy.params());
        Toy.setGrad(toy.weight, 0.5f, -0.5f);
        opt.step();
        opt.step();
        assertThat(toy.bias.grad()).isNull();
        assertThat(Toy.w(toy.bias)).containsExactly(1f, 1f);
        assertThat(Toy.w(toy.weight)).doesNotContain(1f);
        OptimizerState s = opt.state();
        assertThat(s.buffers().get("layers.0.bias")).isEmpty();
        assertThat(s.scalars()).containsEntry("layers.0.bias/step", 0.0).containsEntry("layers.0.weight/step", 2.0);
        assertThat(opt.stepCount()).isEqualTo(2);
    }

    @Test
    void skippedParameterKeepsItsOwnStepForBiasCorrection() {
        // The bias gets its first gradient at optimiser step 2: as in PyTorch its own t is 1, so its first
        // Adam step is a full lr (0.1), exactly as the weight's first step was. Had it shared the optimiser's
        // t=2: m_hat = 0.05/0.19 = 0.263, v_hat = 0.00025/0.001999 = 0.125 -> w = 1 - 0.1*0.263/0.354 = 0.9256.
        Toy toy = Toy.inNetwork(1, 1);
        Optimizer opt = AdamConfig.of(0.1).build(toy.params());
        Toy.setGrad(toy.weight, 0.5f);
        opt.step();
        Toy.setGrad(toy.bias, 0.5f);
        opt.step();
        assertThat(Toy.w(toy.bias)[0]).isCloseTo(0.9f, within(1e-6f));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void setLrValidatesAndTakesEffect(OptimizerConfig c) {
        Optimizer opt = c.build(new Toy(1, 1).params());
        assertThat(opt.lr()).isEqualTo(c.lr());
        opt.setLr(0.5);
        assertThat(opt.lr()).isEqualTo(0.5);
        assertThatThrownBy(() -> opt.setLr(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lr must be >= 0, got -0.1");
        assertThatThrownBy(() -> opt.setLr(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lr must be >= 0, got NaN");
        assertThatThrownBy(() -> opt.setLr(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lr must be finite, got Infinity");
        assertThat(opt.lr()).isEqualTo(0.5);
    }

    @Test
    void setLrChangesTheNextStep() {
        Toy toy = new Toy(1, 1);
        Optimizer opt = SgdConfig.of(0.1).build(List.of(toy.weight));
        Toy.setGrad(toy.weight, 1f);
        opt.step(); // 1 - 0.1 = 0.9
        opt.setLr(0.01);
        opt.step(); // 0.9 - 0.01 = 0.89
        assertThat(Toy.w(toy.weight)[0]).isEqualTo(0.89f);
    }

    @Test
    void zeroGradZerosInPlace() {
        Toy toy = new Toy(2, 1);
        Optimizer opt = SgdConfig.of(0.1).build(toy.params());
        Toy.setGrad(toy.weight, 3f, 4f);
        var buffer = toy.weight.grad();
        opt.zeroGrad();
        assertThat(toy.weight.grad()).isSameAs(buffer);
        assertThat(buffer.data()).containsExactly(0f, 0f);
        assertThat(toy.bias.grad()).isNull();
    }

    @Test
    void emptyOrDuplicateParametersAreRejected() {
        assertThatThrownBy(() -> AdamConfig.defaults().build(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Adam got an empty parameter list");
        Toy toy = Toy.inNetwork(1, 1);
        assertThatThrownBy(() -> SgdConfig.of(0.1).build(List.of(toy.weight, toy.bias, toy.weight)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SGD got parameter 'layers.0.weight' twice");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void stepsAllocateNothingAfterTheFirst(OptimizerConfig c) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeThat(bean).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeThat(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled()).isTrue();
        Toy toy = new Toy(256, 16);
        Optimizer opt = c.build(toy.params());
        Toy.setGrad(toy.weight, 1e-3f);
        Toy.setGrad(toy.bias, 1e-3f);
        opt.step();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 2000; i++) {
            opt.step();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // One float[256] buffer alone is > 1 KB: 2000 steps allocating anything per step would exceed this.
        assertThat(allocated).as("bytes allocated by 2000 %s steps", opt.name()).isLessThan(16_000);
    }
}
