package io.gradguard.djl.example;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import io.gradguard.djl.GuardedTraining;
import io.gradguard.djl.GuardedTrainingBuilder;
import io.gradguard.djl.ScalableTracker;
import io.gradguard.guard.GuardConfig;
import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.runs.RunDirectory;
import io.gradguard.runs.RunReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DJL model trained with a learning rate far too large, twice: without the guard the run is destroyed,
 * with it the same run trains. The model is a 2-64-64-3 ReLU MLP on three interleaved spirals, trained
 * with DJL's SGD (momentum 0.9) at the given learning rate through {@link GuardedTraining}; the guarded run
 * clips the global gradient norm to 1 and keeps the guard's default recovery (skip non-finite steps, roll
 * back on divergence with the learning rate halved). Each run writes a run directory under
 * {@code runs/}, which {@code gradguard report} and {@code gradguard dashboard} read like any other.
 *
 * <p>Run: {@code mvn -B -q install -DskipTests && mvn -B -q -pl gradguard-djl exec:java}
 * (arguments, with their defaults: {@code --lr 0.5 --epochs 10 --out runs}).
 */
public final class BadLearningRate {
    private BadLearningRate() {
    }

    /**
     * How a run ended.
     *
     * @param guarded        whether the guard watched it
     * @param epochLosses    mean training loss per epoch (NaN when no finite step)
     * @param valLoss        validation mean squared error after the last epoch (the target's variance is about 1.75)
     * @param nonFinite      weights that are NaN or infinite at the end
     * @param parameters     weights in total
     * @param incidents      incidents the guard logged
     * @param skipped        steps the guard did not apply
     * @param lrScale        the learning-rate scale the guard ended with (1 without reductions)
     * @param runDirectory   where the run was written
     */
    public record Outcome(boolean guarded, List<Double> epochLosses, double valLoss, long nonFinite,
                          long parameters, int incidents, long skipped, double lrScale, Path runDirectory) {
        /** Whether the run ended with non-finite weights or no better than predicting the mean. */
        public boolean destroyed() {
            return nonFinite > 0 || !(valLoss < 1.0);
        }
    }

    /** Trains once, guarded or not, writing {@code runs/djl-bad-lr[-guarded]} under {@code out}. */
    public static Outcome run(boolean guarded, float lr, int epochs, Path out) throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(42);
        ScalableTracker tracker = ScalableTracker.fixed(lr);
        GuardedTrainingBuilder b = GuardedTraining.builder().learningRate(tracker).optimizer("sgd")
                .runDirectory(RunDirectory.createUnder(out, guarded ? "djl-bad-lr-guarded" : "djl-bad-lr"));
        GuardedTraining training = guarded
                ? b.guard(GuardConfig.defaults().withClip(new ClipPolicy.GlobalNorm(1.0))).build()
                : b.noGuard().build();
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build());
        try (Model model = Model.newInstance("waves");
             NDManager data = NDManager.newBaseManager()) {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss("mse", 1f))
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(tracker).build())
                    .addTrainingListeners(training.listener());
            ArrayDataset train = Waves.of(data, 1024, 1, 32, true);
            ArrayDataset validation = Waves.of(data, 512, 2, 256, false);
            long nonFinite = 0;
            long count = 0;
            Path dir;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(32, Waves.FEATURES));
                training.fit(trainer, epochs, train, validation);
                for (Pair<String, Parameter> p : net.getParameters()) {
                    for (float v : p.getValue().getArray().toFloatArray()) {
                        count++;
                        nonFinite += Float.isFinite(v) ? 0 : 1;
                    }
                }
                dir = training.listener().directory().root();
            }
            RunReader reader = RunReader.open(dir);
            List<Double> losses = reader.epochs().stream().map(e -> number(e, "train_loss")).toList();
            List<Map<String, Object>> epochRows = reader.epochs();
            double valLoss = epochRows.isEmpty() ? Double.NaN : number(epochRows.get(epochRows.size() - 1), "val_loss");
            long skipped = training.guard() == null ? 0 : training.guard().summary().skipped();
            return new Outcome(guarded, losses, valLoss, nonFinite, count, reader.incidents().size(), skipped,
                    tracker.scale(), dir);
        }
    }

    private static double number(Map<String, Object> row, String key) {
        Object v = row.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public static void main(String[] args) throws IOException, TranslateException {
        float lr = 0.5f;
        int epochs = 10;
        Path out = Path.of("runs");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lr" -> lr = Float.parseFloat(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; expected --lr X, --epochs N, --out DIR");
            }
        }
        Outcome bare = run(false, lr, epochs, out);
        Outcome guarded = run(true, lr, epochs, out);
        System.out.println(render(lr, bare, guarded));
    }

    /** The side-by-side table {@link #main} prints. */
    public static String render(float lr, Outcome bare, Outcome guarded) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "DJL (PyTorch engine), SGD lr %s, 8-64-64-1 ReLU MLP, MSE on y = sin(2 x0) + x1 x2 + 0.5 x3%n", lr));
        sb.append(String.format(Locale.ROOT, "%-24s %-28s %-28s%n", "", "UNGUARDED", "GUARDED (global-norm clip 1)"));
        int n = Math.max(bare.epochLosses().size(), guarded.epochLosses().size());
        for (int e = 0; e < n; e++) {
            sb.append(String.format(Locale.ROOT, "%-24s %-28s %-28s%n", "epoch " + (e + 1) + " train loss",
                    loss(bare, e), loss(guarded, e)));
        }
        sb.append(String.format(Locale.ROOT, "%-24s %-28s %-28s%n", "validation MSE",
                fmt(bare.valLoss()), fmt(guarded.valLoss())));
        sb.append(String.format(Locale.ROOT, "%-24s %-28s %-28s%n", "weights",
                weights(bare), weights(guarded)));
        sb.append(String.format(Locale.ROOT, "%-24s %-28s %-28s%n", "incidents / skipped",
                "(no guard watching)", guarded.incidents() + " / " + guarded.skipped()));
        sb.append(String.format(Locale.ROOT, "%-24s %-28s %-28s%n", "learning rate scale", "1", fmt(guarded.lrScale())));
        sb.append(String.format(Locale.ROOT, "%-24s %-28s %-28s%n", "outcome",
                bare.destroyed() ? "DESTROYED" : "trained", guarded.destroyed() ? "DESTROYED" : "trained"));
        sb.append("run directories: ").append(bare.runDirectory()).append(", ").append(guarded.runDirectory());
        return sb.toString();
    }

    private static String loss(Outcome o, int e) {
        return e < o.epochLosses().size() ? fmt(o.epochLosses().get(e)) : "-";
    }

    private static String weights(Outcome o) {
        return o.nonFinite() == 0 ? "all finite" : String.format(Locale.ROOT, "%,d of %,d NaN/Inf", o.nonFinite(), o.parameters());
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : String.valueOf(v);
    }
}
