package io.gradguard.djl.parity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.gradguard.autograd.Var;
import io.gradguard.djl.DjlParameters;
import io.gradguard.nn.Loss;
import io.gradguard.nn.Module;
import io.gradguard.nn.Parameter;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One network twice: in the engine and in libtorch through DJL, with the engine's initial weights copied
 * into DJL's parameters (matched in order, and checked to have the same PyTorch name and shape). Runs the
 * same batch through both in training mode and exposes losses and gradients by the engine's names.
 */
final class Twin implements AutoCloseable {
    private final Module engine;
    private final Loss engineLoss;
    private final Model model;
    private final Trainer trainer;
    private final List<Parameter> engineParams;
    private final List<DjlParameters.Named> djlParams;
    private double engineLossValue = Double.NaN;
    private double djlLossValue = Double.NaN;

    Twin(Module engine, Loss engineLoss, Block djl, ai.djl.training.loss.Loss djlLoss, Shape inputShape) {
        this.engine = engine;
        this.engineLoss = engineLoss;
        this.model = Model.newInstance("parity");
        model.setBlock(djl);
        this.trainer = model.newTrainer(new DefaultTrainingConfig(djlLoss)
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build()));
        trainer.initialize(inputShape);
        this.engineParams = new ArrayList<>(engine.namedParameters().values());
        List<DjlParameters.Named> all = DjlParameters.of(djl);
        this.djlParams = all.stream().filter(DjlParameters.Named::trainable).toList();
        assertThat(djlParams).as("trainable parameters").hasSameSizeAs(engineParams);
        for (int i = 0; i < engineParams.size(); i++) {
            Parameter p = engineParams.get(i);
            DjlParameters.Named d = djlParams.get(i);
            assertThat(d.name().substring(d.name().lastIndexOf('.') + 1)).as("name of " + p.name())
                    .isEqualTo(p.localName());
            assertThat(d.parameter().getArray().getShape().getShape()).as("shape of " + p.name())
                    .isEqualTo(java.util.Arrays.stream(p.shape()).asLongStream().toArray());
            copy(p.value().data(), d.parameter().getArray());
        }
    }

    static void copy(float[] values, NDArray into) {
        try (NDArray src = into.getManager().create(values, into.getShape())) {
            into.set(new NDIndex("..."), src);
        }
    }

    NDManager manager() {
        return trainer.getManager();
    }

    Trainer trainer() {
        return trainer;
    }

    /** Forward, loss and backward in both frameworks; {@code labels} are class indices or targets. */
    void backward(float[] x, int[] xShape, float[] y, int[] yShape) {
        engine.zeroGrad();
        Var out = engine.forward(Var.constant(Tensor.of(x.clone(), xShape)));
        Var l = engineLoss.compute(out, Tensor.of(y.clone(), yShape));
        l.backward();
        engineLossValue = l.item();
        NDManager m = trainer.getManager();
        NDArray dx = m.create(x, new Shape(java.util.Arrays.stream(xShape).asLongStream().toArray()));
        NDArray dy = m.create(y, new Shape(java.util.Arrays.stream(yShape).asLongStream().toArray()));
        try (GradientCollector c = trainer.newGradientCollector()) {
            NDList preds = trainer.forward(new NDList(dx), new NDList(dy));
            NDArray loss = trainer.getLoss().evaluate(new NDList(dy), preds);
            c.backward(loss);
            djlLossValue = loss.getFloat();
        }
    }

    double engineLoss() {
        return engineLossValue;
    }

    double djlLoss() {
        return djlLossValue;
    }

    /** Relative gradient error per parameter, by engine name. */
    Map<String, Double> gradientErrors() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < engineParams.size(); i++) {
            try (NDArray g = djlParams.get(i).parameter().getArray().getGradient()) {
                out.put(engineParams.get(i).name(), Rel.error(engineParams.get(i).grad().data(), g.toFloatArray()));
            }
        }
        return out;
    }

    /** The DJL parameter (trainable or not) with this PyTorch-style name. */
    NDArray djl(String name) {
        for (DjlParameters.Named p : DjlParameters.of(model.getBlock())) {
            if (p.name().equals(name)) {
                return p.parameter().getArray();
            }
        }
        throw new IllegalArgumentException("no DJL parameter '" + name + "' in " + DjlParameters.of(model.getBlock()));
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
