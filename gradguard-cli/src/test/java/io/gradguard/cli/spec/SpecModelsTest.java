package io.gradguard.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gradguard.autograd.Var;
import io.gradguard.cli.run.ModelFactory;
import io.gradguard.nn.BatchNorm1d;
import io.gradguard.nn.BatchNorm2d;
import io.gradguard.nn.Conv2d;
import io.gradguard.nn.Dense;
import io.gradguard.nn.Dropout;
import io.gradguard.nn.LSTM;
import io.gradguard.nn.LayerNorm;
import io.gradguard.nn.Module;
import io.gradguard.nn.Network;
import io.gradguard.nn.Parameter;
import io.gradguard.nn.RNN;
import io.gradguard.nn.Residual;
import io.gradguard.nn.Stochastic;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Specs built into engine modules by {@link ModelFactory}: PyTorch names, the chosen modules, real shapes. */
class SpecModelsTest {
    static ModelFactory.Built build(String yaml) {
        return ModelFactory.build(SpecParser.parse(yaml, null), new Rng(7));
    }

    static String spec(String input, String layers) {
        return "model:\n  input: " + input + "\n  layers: [" + layers + "]\n"
                + "data: {name: bars}\nloss: cross_entropy\noptimizer: {name: sgd, lr: 0.1}\ntraining: {epochs: 1}\n";
    }

    static Map<String, Parameter> params(ModelFactory.Built b) {
        return b.network().namedParameters();
    }

    /** Runs a batch of 3 examples through the model in training mode and returns the output shape. */
    static int[] forwardShape(ModelFactory.Built b, ExampleShape in) {
        Network net = b.network();
        Stochastic.reseedAll(net, new Rng(1), 0);
        Tensor x = Tensor.zeros(in.withBatch(3));
        Rng r = new Rng(3);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (float) r.nextGaussian();
        }
        return net.forward(Var.constant(x)).shape();
    }

    @Test
    void residualParametersArePyTorchNamed() {
        ModelFactory.Built b = build(spec("8", "{residual: [{dense: 8}, relu]}, {residual: [{dense: 4}, tanh]}, "
                + "{dense: 2}"));
        assertThat(params(b).keySet()).containsExactly("layers.0.block.0.weight", "layers.0.block.0.bias",
                "layers.1.block.0.weight", "layers.1.block.0.bias", "layers.1.projection.weight", "layers.2.weight",
                "layers.2.bias");
        assertThat(params(b).get("layers.1.projection.weight").shape()).containsExactly(4, 8);
        Module second = b.network().layers().layers().get(1);
        assertThat(second).isInstanceOf(Residual.class);
        assertThat(((Residual) second).projection()).isInstanceOf(Dense.class);
        assertThat(((Dense) ((Residual) second).projection()).bias()).as("projection W_s x has no bias").isNull();
        assertThat(((Residual) b.network().layers().layers().get(0)).projection()).isNull();
        assertThat(forwardShape(b, ExampleShape.of(8))).containsExactly(3, 2);
        assertThat(b.output()).isEqualTo(ExampleShape.of(2));
    }

    @Test
    void aStridedConvBlockGetsAStridedOneByOneProjection() {
        ModelFactory.Built b = build(spec("[4, 8, 8]", "{residual: [{conv2d: {out_channels: 8, kernel_size: 3, stride: 2, "
                + "padding: 1, bias: false}}, batchnorm, relu]}, global_avgpool, {dense: 3}"));
        assertThat(params(b).keySet()).containsExactly("layers.0.block.0.weight", "layers.0.block.1.weight",
                "layers.0.block.1.bias", "layers.0.projection.weight", "layers.2.weight", "layers.2.bias");
        Conv2d projection = (Conv2d) ((Residual) b.network().layers().layers().get(0)).projection();
        assertThat(projection.weight().shape()).containsExactly(8, 4, 1, 1);
        assertThat(projection.window().strideH()).isEqualTo(2);
        assertThat(b.network().namedBuffers()).containsKeys("layers.0.block.1.running_mean", "layers.0.block.1.running_var");
        assertThat(forwardShape(b, ExampleShape.of(4, 8, 8))).containsExactly(3, 3);
    }

    @Test
    void batchnormAndLayernormFollowTheShapeFlowingIn() {
        ModelFactory.Built b = build(spec("[2, 6, 6]", "{batchnorm: {eps: 0.001, momentum: 0.2, affine: false}}, "
                + "layernorm, flatten, batchnorm, {dense: 5}, {layernorm: {elementwise_affine: false}}, {dropout: 0.3}"));
        var layers = b.network().layers().layers();
        assertThat(layers.get(0)).isInstanceOf(BatchNorm2d.class);
        assertThat(((BatchNorm2d) layers.get(0)).options()).isEqualTo(new BatchNorm1d.Options(0.001,
                new BatchNorm1d.Momentum.Exponential(0.2), false, true));
        assertThat(((LayerNorm) layers.get(1)).normalizedShape()).containsExactly(2, 6, 6);
        assertThat(layers.get(3)).isInstanceOf(BatchNorm1d.class);
        assertThat(((BatchNorm1d) layers.get(3)).numFeatures()).isEqualTo(72);
        assertThat(((LayerNorm) layers.get(5)).normalizedShape()).containsExactly(5);
        assertThat(((LayerNorm) layers.get(5)).weight()).isNull();
        assertThat(((Dropout) layers.get(6)).p()).isEqualTo(0.3);
        assertThat(forwardShape(b, ExampleShape.of(2, 6, 6))).containsExactly(3, 5);
        // A sequence is layer-normalised per step, over its features only.
        ModelFactory.Built s = build(spec("[10, 3]", "layernorm, {gru: 4}, last_step"));
        assertThat(((LayerNorm) s.network().layers().layers().get(0)).normalizedShape()).containsExactly(3);
        assertThat(forwardShape(s, ExampleShape.of(10, 3))).containsExactly(3, 4);
    }

    @Test
    void recurrentLayersUsePyTorchNamesAndTheirOwnInit() {
        ModelFactory.Built b = build(spec("[12, 2]", "{rnn: {hidden_size: 6, num_layers: 2, init: {name: orthogonal, "
                + "gain: 1.5}}}, {lstm: {hidden_size: 5, init: orthogonal}}, last_step, {dense: 1}"));
        assertThat(params(b).keySet()).containsExactly("layers.0.weight_ih_l0", "layers.0.weight_hh_l0",
                "layers.0.bias_ih_l0", "layers.0.bias_hh_l0", "layers.0.weight_ih_l1", "layers.0.weight_hh_l1",
                "layers.0.bias_ih_l1", "layers.0.bias_hh_l1", "layers.1.weight_ih_l0", "layers.1.weight_hh_l0",
                "layers.1.bias_ih_l0", "layers.1.bias_hh_l0", "layers.3.weight", "layers.3.bias");
        RNN rnn = (RNN) b.network().layers().layers().get(0);
        // An orthogonal matrix has every eigenvalue on the unit circle; times gain 1.5 its spectral radius is 1.5.
        assertThat(rnn.recurrentSpectralRadius(0)).isCloseTo(1.5, within(1e-4));
        assertThat(rnn.recurrentSpectralRadius(1)).isCloseTo(1.5, within(1e-4));
        assertThat(rnn.recurrentLargestSingularValue(0)).isCloseTo(1.5, within(1e-4));
        LSTM lstm = (LSTM) b.network().layers().layers().get(1);
        for (LSTM.Gate g : LSTM.Gate.values()) {
            assertThat(lstm.recurrentLargestSingularValue(0, g)).as("gate " + g).isCloseTo(1.0, within(1e-4));
        }
        // weight_ih keeps PyTorch's U(-1/sqrt(hidden), 1/sqrt(hidden)).
        for (float w : lstm.weightIh(0).value().data()) {
            assertThat(Math.abs(w)).isLessThanOrEqualTo((float) (1 / Math.sqrt(5)));
        }
        assertThat(forwardShape(b, ExampleShape.of(12, 2))).containsExactly(3, 1);
        // Without an init, model.init does not reach recurrent weights: all stay within PyTorch's bound.
        ModelFactory.Built d = build(spec("[12, 2]", "{rnn: 4}, last_step, {dense: 1}").replace("input: [12, 2]",
                "input: [12, 2]\n  init: {name: constant, value: 3}"));
        for (float w : ((RNN) d.network().layers().layers().get(0)).weightHh(0).value().data()) {
            assertThat(Math.abs(w)).isLessThanOrEqualTo(0.5f);
        }
        assertThat(params(d).get("layers.2.weight").value().data()).containsOnly(3f);
    }

    @Test
    void convLayersTakeModelInitUnlessTheyNameTheirOwn() {
        ModelFactory.Built b = build(spec("[1, 5, 5]", "{conv2d: {out_channels: 2, kernel_size: 3, activation: "
                + "relu}}, {conv2d: {out_channels: 2, kernel_size: 3, bias: false, init: zeros}}, flatten, {dense: 2}")
                .replace("input: [1, 5, 5]", "input: [1, 5, 5]\n  init: {name: constant, value: 0.5}"));
        assertThat(params(b).keySet()).containsExactly("layers.0.weight", "layers.0.bias", "layers.2.weight",
                "layers.4.weight", "layers.4.bias");
        assertThat(params(b).get("layers.0.weight").value().data()).containsOnly(0.5f);
        assertThat(params(b).get("layers.2.weight").value().data()).containsOnly(0f);
        assertThat(params(b).get("layers.2.weight").shape()).containsExactly(2, 2, 3, 3);
        assertThat(forwardShape(b, ExampleShape.of(1, 5, 5))).containsExactly(3, 2);
    }

    @Test
    void everyExampleBuildsAndRunsAForwardPass() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("..", "examples"))) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                RunSpec spec = SpecParser.parse(f);
                ModelFactory.Built b = ModelFactory.build(spec, new Rng(1));
                assertThat(forwardShape(b, spec.model().inputShape())).as(f.toString())
                        .containsExactly(3, b.output().dim(0));
            }
        }
    }
}
