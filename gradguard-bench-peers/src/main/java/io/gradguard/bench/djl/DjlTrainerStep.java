package io.gradguard.bench.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.Batchifier;
import io.gradguard.bench.peers.StepRunner;
import io.gradguard.djl.GuardedTraining;
import io.gradguard.djl.ScalableTracker;
import io.gradguard.guard.GuardConfig;
import io.gradguard.guard.GuardSummary;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mlp-trainer} workload in DJL: the MLP of {@link DjlMlpStep} trained the way DJL users train,
 * {@code EasyTrain.trainBatch(trainer, batch)} then {@code trainer.step()}, with DJL's {@code Sgd} at lr 0.01
 * (no momentum), on 16 fixed batches per call, each batch copied into its own sub-manager as a DJL data set
 * gives it (the batch owns its arrays and closes them). Guarded ({@code mlp-guarded}), the same loop calls
 * gradguard-djl's {@code GuardedTraining.trainBatch(trainer, batch)} instead, with
 * {@code GuardConfig.defaults()} and the learning rate in a {@link ScalableTracker}: the few lines a DJL user
 * adds. DJL's trainer keeps no loss without an evaluator listener, so {@link #run()} returns NaN.
 */
final class DjlTrainerStep implements StepRunner {
    static final int BATCHES = 16;

    private final NDManager manager;
    private final Model model;
    private final Trainer trainer;
    private final GuardedTraining guarded;
    private final List<NDArray> xs = new ArrayList<>();
    private final List<NDArray> ys = new ArrayList<>();

    /** @param guard whether {@code GuardedTraining} with the default guard hosts each step */
    DjlTrainerStep(boolean guard) {
        Engine.getEngine(DjlPeer.ENGINE).setRandomSeed(7);
        manager = NDManager.newBaseManager(Device.cpu(), DjlPeer.ENGINE);
        model = Model.newInstance("mlp", Device.cpu(), DjlPeer.ENGINE);
        model.setBlock(DjlMlpStep.mlp());
        ScalableTracker lr = ScalableTracker.fixed(DjlMlpStep.LR);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(lr).build())
                .optDevices(new Device[] {Device.cpu()});
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(DjlMlpStep.BATCH, 784));
        guarded = guard
                ? GuardedTraining.builder().guard(GuardConfig.defaults()).learningRate(lr).optimizer("sgd").build()
                : null;
        for (int i = 0; i < BATCHES; i++) {
            xs.add(manager.randomUniform(0, 1, new Shape(DjlMlpStep.BATCH, 784)));
            ys.add(manager.randomInteger(0, 10, new Shape(DjlMlpStep.BATCH), DataType.INT64));
        }
    }

    @Override
    public double run() {
        for (int i = 0; i < BATCHES; i++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray x = xs.get(i).duplicate();
                NDArray y = ys.get(i).duplicate();
                x.attach(step);
                y.attach(step);
                Batch batch = new Batch(step, new NDList(x), new NDList(y), DjlMlpStep.BATCH, Batchifier.STACK,
                        Batchifier.STACK, i, BATCHES);
                if (guarded == null) {
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.step();
                } else {
                    guarded.trainBatch(trainer, batch);
                }
            }
        }
        return Double.NaN;
    }

    @Override
    public long parameters() {
        return model.getBlock().getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    public int stepsPerCall() {
        return BATCHES;
    }

    @Override
    public void close() {
        if (guarded != null) {
            // what the guard saw and did: a skipped step would make the guarded run look cheaper than it is
            GuardSummary g = guarded.guard().summary();
            System.out.printf("[libtorch mlp-guarded] guard: %d steps seen, %d incidents %s, %d skipped, %d clipped%n",
                    g.steps(), g.incidents(), g.byKind(), g.skipped(), g.clipped());
        }
        trainer.close();
        model.close();
        manager.close();
    }
}
