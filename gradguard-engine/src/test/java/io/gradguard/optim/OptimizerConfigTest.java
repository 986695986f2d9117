package io.gradguard.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Validation of hyperparameters: PyTorch's rules, messages quoting the field and the bad value. */
class OptimizerConfigTest {
    private static void rejects(Executable make, String message) {
        assertThatThrownBy(make::execute).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void sgd() {
        rejects(() -> SgdConfig.of(-1), "SGD lr must be > 0, got -1.0");
        rejects(() -> new SgdConfig(0.1, -0.5, 0, 0, false), "SGD momentum must be >= 0, got -0.5");
        rejects(() -> new SgdConfig(0.1, 0, 1.5, 0, false), "SGD dampening must be in [0, 1], got 1.5");
        rejects(() -> new SgdConfig(0.1, 0, 0, Double.NaN, false), "SGD weight_decay must be >= 0, got NaN");
        rejects(() -> new SgdConfig(0.1, 0, 0, 0, true),
                "SGD nesterov requires momentum > 0 and dampening = 0, got momentum=0.0, dampening=0.0");
        rejects(() -> new SgdConfig(0.1, 0.9, 0.1, 0, true),
                "SGD nesterov requires momentum > 0 and dampening = 0, got momentum=0.9, dampening=0.1");
        assertThat(SgdConfig.of(0.1)).isEqualTo(new SgdConfig(0.1, 0, 0, 0, false));
    }

    @Test
    void adam() {
        rejects(() -> AdamConfig.of(-1), "Adam lr must be > 0, got -1.0");
        rejects(() -> AdamConfig.of(Double.POSITIVE_INFINITY), "Adam lr must be finite, got Infinity");
        rejects(() -> new AdamConfig(1e-3, 1.0, 0.999, 1e-8, 0, false), "Adam betas[0] must be in [0, 1), got 1.0");
        rejects(() -> new AdamConfig(1e-3, 0.9, -0.1, 1e-8, 0, false), "Adam betas[1] must be in [0, 1), got -0.1");
        rejects(() -> new AdamConfig(1e-3, 0.9, 0.999, -1e-8, 0, false), "Adam eps must be >= 0, got -1.0E-8");
        rejects(() -> new AdamConfig(1e-3, 0.9, 0.999, 1e-8, -1, false), "Adam weight_decay must be >= 0, got -1.0");
        rejects(() -> new AdamWConfig(1e-3, 0.9, 1.0, 1e-8, 0.01, false), "AdamW betas[1] must be in [0, 1), got 1.0");
        rejects(() -> AdamWConfig.of(0), "AdamW lr must be > 0, got 0.0");
    }

    @Test
    void rmspropAndAdagrad() {
        rejects(() -> new RmspropConfig(0.01, 1.0, 1e-8, 0, 0, false), "RMSprop alpha must be in [0, 1), got 1.0");
        rejects(() -> new RmspropConfig(0.01, 0.99, 1e-8, 0, -0.9, false), "RMSprop momentum must be >= 0, got -0.9");
        rejects(() -> new AdagradConfig(0.01, -0.1, 0, 0, 1e-10), "Adagrad lr_decay must be >= 0, got -0.1");
        rejects(() -> new AdagradConfig(0.01, 0, 0, -1, 1e-10),
                "Adagrad initial_accumulator_value must be >= 0, got -1.0");
        assertThat(RmspropConfig.defaults()).isEqualTo(new RmspropConfig(1e-2, 0.99, 1e-8, 0, 0, false));
        assertThat(AdagradConfig.defaults()).isEqualTo(new AdagradConfig(1e-2, 0, 0, 0, 1e-10));
    }

    @Test
    void configNamesMatchOptimizerNames() {
        Toy toy = new Toy(1, 1);
        for (OptimizerConfig c : OptimizerTest.configs().toList()) {
            assertThat(c.build(toy.params()).name()).isEqualTo(c.name());
        }
    }
}
