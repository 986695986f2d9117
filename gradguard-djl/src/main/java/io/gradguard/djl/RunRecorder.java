package io.gradguard.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import io.gradguard.guard.GuardListener;
import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.Verdict;
import io.gradguard.guard.diagnose.Diagnosis;
import io.gradguard.guard.diagnose.Diagnoser;
import io.gradguard.runs.DiagnosisFile;
import io.gradguard.runs.IncidentRecorder;
import io.gradguard.runs.MetricsRecorder;
import io.gradguard.runs.RunDirectory;
import io.gradguard.train.EpochMetrics;
import io.gradguard.train.StepAction;
import io.gradguard.train.StepMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a DJL run into a run directory exactly as {@code gradguard train} writes its own, so reports and the
 * dashboard read both through {@link io.gradguard.runs.RunReader}: {@code spec.yaml} and {@code manifest.json}
 * when the trainer is created, a {@code metrics.jsonl} step row per step of {@link GuardedTraining} (with the
 * guard's per-layer fields, {@link io.gradguard.runs.GuardMetrics}) and an epoch row per {@code onEpoch}
 * (train and validation loss, and accuracy when the loss is softmax cross-entropy), {@code incidents.jsonl} as
 * incidents happen, and {@code diagnosis.json} when the trainer closes, if there were incidents. Get it from
 * {@link GuardedTraining#listener()}.
 */
public final class RunRecorder implements TrainingListener {
    private final RunDirectory dir;
    private final GuardedTraining training;
    private final int logEvery;
    private final List<IncidentRecord> incidents = new ArrayList<>();
    private MetricsRecorder metrics;
    private IncidentRecorder incidentLog;
    private long recordedStep = -1;
    private int epoch;
    private int batch;
    private long skipped;
    private long epochStart = System.nanoTime();
    private final Tally train = new Tally();
    private final Tally validation = new Tally();

    RunRecorder(RunDirectory dir, GuardedTraining training, int logEvery) {
        this.dir = dir;
        this.training = training;
        this.logEvery = logEvery;
    }

    /** Loss and accuracy summed over the examples of one epoch. */
    private static final class Tally {
        double lossSum;
        long correct;
        long examples;

        void reset() {
            lossSum = 0;
            correct = 0;
            examples = 0;
        }
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        String name = dir.root().getFileName().toString();
        try {
            dir.writeSpec(RunFiles.specYaml(name, trainer, training));
            dir.writeManifest(RunFiles.manifest(name));
            metrics = new MetricsRecorder(dir, () -> training.last() == null ? null : training.last().guard());
            incidentLog = new IncidentRecorder(dir.incidents());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run directory " + dir.root() + ": " + e.getMessage(), e);
        }
        if (training.guard() != null) {
            training.guard().addListener(incidentLog);
            training.guard().addListener((GuardListener) s -> incidents.addAll(s.incidents()));
        }
        epochStart = System.nanoTime();
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        BatchOutcome.Trained t = training.last();
        int b = batch++;
        if (t == null || t.step() == recordedStep) {
            return; // a batch not trained through GuardedTraining
        }
        recordedStep = t.step();
        int examples = batchData.getBatch().getSize();
        StepAction action = switch (t.verdict()) {
            case PROCEED -> StepAction.PROCEED;
            case SKIP -> StepAction.SKIP_STEP;
            case HALT -> StepAction.STOP;
        };
        if (t.verdict() != Verdict.PROCEED) {
            skipped++;
        }
        if (t.step() % logEvery == 0 || t.verdict() != Verdict.PROCEED) {
            metrics.onStep(new StepMetrics(t.step(), epoch, b, t.loss(), t.gradNorm(), t.lr(), action, examples));
        }
        if (Double.isFinite(t.loss())) {
            train.lossSum += t.loss() * examples;
            train.examples += examples;
            train.correct += correct(trainer, batchData);
        }
    }

    /** A batch {@link GuardedTraining} passed over after a rollback: it keeps its place in the epoch. */
    void batchSkipped() {
        batch++;
    }

    @Override
    public void onValidationBatch(Trainer trainer, BatchData batchData) {
        for (Map.Entry<ai.djl.Device, NDList> e : batchData.getPredictions().entrySet()) {
            NDList labels = batchData.getLabels().get(e.getKey());
            long n = labels.head().getShape().get(0);
            try (NDArray loss = trainer.getLoss().evaluate(labels, e.getValue())) {
                validation.lossSum += loss.getFloat() * n;
            }
            validation.examples += n;
        }
        validation.correct += correct(trainer, batchData);
    }

    @Override
    public void onEpoch(Trainer trainer) {
        boolean classification = trainer.getLoss() instanceof SoftmaxCrossEntropyLoss;
        metrics.onEpochEnd(new EpochMetrics(epoch, training.steps(), mean(train), accuracy(train, classification),
                mean(validation), accuracy(validation, classification), skipped, (System.nanoTime() - epochStart) / 1e9));
        epoch++;
        batch = 0;
        train.reset();
        validation.reset();
        epochStart = System.nanoTime();
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        try {
            if (training.guard() != null && !incidents.isEmpty()) {
                List<Diagnosis> diagnoses = new Diagnoser().diagnose(incidents, training.facts());
                if (!diagnoses.isEmpty()) {
                    DiagnosisFile.write(dir, diagnoses, incidents);
                }
            }
            metrics.close();
            incidentLog.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the run directory " + dir.root() + ": " + e.getMessage(), e);
        }
    }

    /** The run directory being written. */
    public RunDirectory directory() {
        return dir;
    }

    private static double mean(Tally t) {
        return t.examples == 0 ? Double.NaN : t.lossSum / t.examples;
    }

    private static double accuracy(Tally t, boolean classification) {
        return classification && t.examples > 0 ? (double) t.correct / t.examples : Double.NaN;
    }

    /** Examples whose arg-max prediction equals their class label (0 unless the loss is softmax cross-entropy). */
    private static long correct(Trainer trainer, BatchData data) {
        if (!(trainer.getLoss() instanceof SoftmaxCrossEntropyLoss)) {
            return 0;
        }
        long n = 0;
        for (Map.Entry<ai.djl.Device, NDList> e : data.getPredictions().entrySet()) {
            NDArray label = data.getLabels().get(e.getKey()).head();
            try (NDArray argMax = e.getValue().head().argMax(-1);
                 NDArray predicted = argMax.toType(DataType.INT64, true);
                 NDArray typed = label.toType(DataType.INT64, true);
                 NDArray truth = typed.reshape(predicted.getShape());
                 NDArray hits = predicted.eq(truth);
                 NDArray count = hits.countNonzero()) {
                n += count.getLong();
            }
        }
        return n;
    }
}
