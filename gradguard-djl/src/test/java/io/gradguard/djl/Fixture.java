package io.gradguard.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.Batchifier;
import java.util.Random;

/**
 * A 4-16-(BatchNorm)-ReLU-3 classifier trained by DJL's SGD through a {@link GuardedTraining}, with
 * deterministic batches: what the guard-host tests train.
 */
final class Fixture implements AutoCloseable {
    static final int IN = 4;
    static final int BATCH = 8;
    final Model model = Model.newInstance("fixture");
    final Trainer trainer;
    final SequentialBlock net;

    Fixture(GuardedTraining training, ScalableTracker lr, boolean batchNorm, boolean listen) {
        Engine.getInstance().setRandomSeed(1);
        net = new SequentialBlock().add(Linear.builder().setUnits(16).build());
        if (batchNorm) {
            net.add(BatchNorm.builder().build());
        }
        net.add(Activation.reluBlock()).add(Linear.builder().setUnits(3).build());
        model.setBlock(net);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(lr).build());
        if (listen) {
            config.addTrainingListeners(training.listener());
        }
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(BATCH, IN));
    }

    /** Batch {@code i}: inputs N(0, 2) and labels 0..2, the same for a given i. */
    Batch batch(int i) {
        Random r = new Random(i);
        float[] x = new float[BATCH * IN];
        float[] y = new float[BATCH];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) (2 * r.nextGaussian());
        }
        for (int k = 0; k < BATCH; k++) {
            y[k] = r.nextInt(3);
        }
        NDManager m = trainer.getManager().newSubManager();
        return new Batch(m, new NDList(m.create(x, new Shape(BATCH, IN))), new NDList(m.create(y)), BATCH,
                Batchifier.STACK, Batchifier.STACK, i, 0);
    }

    /** {@code n} examples in batches of {@link #BATCH}, in order. */
    ArrayDataset dataset(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * IN];
        float[] y = new float[n];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) (2 * r.nextGaussian());
        }
        for (int k = 0; k < n; k++) {
            y[k] = r.nextInt(3);
        }
        NDManager m = trainer.getManager();
        return new ArrayDataset.Builder().setData(m.create(x, new Shape(n, IN))).optLabels(m.create(y))
                .setSampling(BATCH, false).build();
    }

    /** Every parameter's values (running statistics included), concatenated in model order. */
    float[] values() {
        int n = 0;
        for (DjlParameters.Named p : DjlParameters.of(net)) {
            n += (int) p.parameter().getArray().size();
        }
        float[] out = new float[n];
        int at = 0;
        for (DjlParameters.Named p : DjlParameters.of(net)) {
            float[] v = p.parameter().getArray().toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** The largest |gradient| over the trainable parameters. */
    double largestGradient() {
        double m = 0;
        for (DjlParameters.Named p : DjlParameters.of(net)) {
            if (p.trainable()) {
                try (NDArray g = p.parameter().getArray().getGradient()) {
                    for (float v : g.toFloatArray()) {
                        m = Math.max(m, Math.abs(v));
                    }
                }
            }
        }
        return m;
    }

    /** Trains on batch {@code i} and closes it. */
    BatchOutcome train(GuardedTraining training, int i) {
        try (Batch b = batch(i)) {
            return training.trainBatch(trainer, b);
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
