package io.gradguard.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.recurrent.LSTM;
import org.junit.jupiter.api.Test;

class DjlParametersTest {
    @Test
    void translatesDjlNamesToPyTorchs() {
        assertThat(DjlParameters.torchName("weight")).isEqualTo("weight");
        assertThat(DjlParameters.torchName("gamma")).isEqualTo("weight");
        assertThat(DjlParameters.torchName("beta")).isEqualTo("bias");
        assertThat(DjlParameters.torchName("runningMean")).isEqualTo("running_mean");
        assertThat(DjlParameters.torchName("runningVar")).isEqualTo("running_var");
        assertThat(DjlParameters.torchName("l_0_i2h_WEIGHT")).isEqualTo("weight_ih_l0");
        assertThat(DjlParameters.torchName("l_1_h2h_BIAS")).isEqualTo("bias_hh_l1");
        assertThat(DjlParameters.torchName("r_0_h2h_WEIGHT")).isEqualTo("weight_hh_l0_reverse");
        assertThat(DjlParameters.torchName("l_0_x2h_WEIGHT")).isEqualTo("l_0_x2h_WEIGHT");
    }

    @Test
    void namesEveryParameterByItsBlockPathInForwardOrder() {
        SequentialBlock inner = new SequentialBlock().add(Linear.builder().setUnits(3).build())
                .add(BatchNorm.builder().build());
        SequentialBlock net = new SequentialBlock()
                .add(LSTM.builder().setStateSize(4).setNumLayers(1).optBatchFirst(true).optReturnState(false).build())
                .add(Activation.reluBlock()).add(inner);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, new Shape(2, 5, 6));
            assertThat(DjlParameters.of(net)).extracting(DjlParameters.Named::name).containsExactly(
                    "01LSTM.weight_ih_l0", "01LSTM.weight_hh_l0", "01LSTM.bias_ih_l0", "01LSTM.bias_hh_l0",
                    "03SequentialBlock.01Linear.weight", "03SequentialBlock.01Linear.bias",
                    "03SequentialBlock.02BatchNorm.weight", "03SequentialBlock.02BatchNorm.bias",
                    "03SequentialBlock.02BatchNorm.running_mean", "03SequentialBlock.02BatchNorm.running_var");
            assertThat(DjlParameters.of(net)).filteredOn(p -> !p.trainable()).extracting(DjlParameters.Named::name)
                    .containsExactly("03SequentialBlock.02BatchNorm.running_mean",
                            "03SequentialBlock.02BatchNorm.running_var");
        }
    }

    @Test
    void aRootBlockWithItsOwnParametersIsNamedByItsClass() {
        Linear linear = Linear.builder().setUnits(2).build();
        try (NDManager m = NDManager.newBaseManager()) {
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            assertThat(DjlParameters.of(linear)).extracting(DjlParameters.Named::name)
                    .containsExactly("Linear.weight", "Linear.bias");
        }
    }
}
