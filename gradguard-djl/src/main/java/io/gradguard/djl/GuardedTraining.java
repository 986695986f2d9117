package io.gradguard.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.translate.TranslateException;
import io.gradguard.guard.Guard;
import io.gradguard.guard.GuardStep;
import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.Verdict;
import io.gradguard.guard.clip.ClipResult;
import io.gradguard.guard.diagnose.ModelFacts;
import io.gradguard.guard.inject.FaultPlan;
import io.gradguard.guard.monitor.ScanKernel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hosts the gradient guard in DJL training. DJL's {@link TrainingListener}s see batches, not gradients, so
 * the guard acts here, between backward and the optimiser step: {@link #trainBatch} replaces DJL's
 * {@code EasyTrain.trainBatch(trainer, batch); trainer.step();} and {@link #fit} replaces {@code EasyTrain.fit}.
 * Per batch:
 * <pre>
 *   forward + loss + backward in a GradientCollector   (as EasyTrain.trainBatch, one device)
 *   every trainable parameter's gradient tensor         (named as PyTorch's state_dict, see DjlParameters;
 *                                                         read in libtorch's memory, copied only on request)
 *   Guard.onStep: monitor, detectors, verdict, clipping, recovery
 *   PROCEED: a global clipper's coefficient applied to the tensors in place (gradients the guard changed as
 *            arrays, by an element-wise clip or an injected fault, copied back), trainer.step()
 *   SKIP / HALT: no step; gradients zeroed (DJL's optimisers zero them only when they update, so a skipped
 *                step's gradients would otherwise add to the next one) and batch norm's running statistics
 *                put back as they were before the forward pass
 *   listeners' onTrainingBatch (DJL's evaluators and loggers, and the RunRecorder)
 * </pre>
 * Without a guard ({@link GuardedTrainingBuilder#noGuard()}) the same loop runs unguarded and still records the run, which
 * is how the example shows a run the guard would have saved. Rollbacks restore weights and running
 * statistics but not DJL's optimiser state (see {@link DjlHost}). One device only.
 */
public final class GuardedTraining {
    private final Guard guard;
    private final FaultPlan faults;
    private final ScalableTracker lr;
    private final String optimizerName;
    private final RunRecorder recorder;
    private Trainer bound;
    private List<DjlParameters.Named> params;
    private List<DjlParameters.Named> trainable;
    private List<DjlParameters.Named> buffers;
    private List<DjlParamView> views;
    private List<ParamView> guardViews;
    private ModelFacts facts;
    private long step;
    private int updates;
    private int pendingSkips;
    private boolean halted;
    private BatchOutcome.Trained last;

    GuardedTraining(GuardedTrainingBuilder b) {
        this.guard = b.guard;
        this.faults = b.faults;
        this.lr = b.lr;
        this.optimizerName = b.optimizerName;
        this.recorder = b.runDirectory == null ? null : new RunRecorder(b.runDirectory, this, b.logEvery);
    }

    public static GuardedTrainingBuilder builder() {
        return new GuardedTrainingBuilder();
    }

    /**
     * The listener that writes the run directory (spec.yaml, manifest.json, metrics.jsonl, incidents.jsonl,
     * diagnosis.json); add it to the {@code TrainingConfig} before creating the trainer.
     *
     * @throws IllegalStateException when the builder was given no run directory
     */
    public RunRecorder listener() {
        if (recorder == null) {
            throw new IllegalStateException("GuardedTraining has no run directory: call runDirectory(...) on its builder");
        }
        return recorder;
    }

    /**
     * Trains on every batch of {@code train} for {@code epochs} epochs, validating on {@code validation}
     * (may be null) after each, as {@code EasyTrain.fit} does; stops early when the guard halts.
     */
    public void fit(Trainer trainer, int epochs, Dataset train, Dataset validation) throws IOException, TranslateException {
        if (epochs < 1) {
            throw new IllegalArgumentException("fit epochs must be >= 1, got " + epochs);
        }
        for (int epoch = 0; epoch < epochs && !halted; epoch++) {
            for (Batch batch : trainer.iterateDataset(train)) {
                try {
                    trainBatch(trainer, batch);
                } finally {
                    batch.close();
                }
                if (halted) {
                    return;
                }
            }
            ai.djl.training.EasyTrain.evaluateDataset(trainer, validation);
            trainer.notifyListeners(l -> l.onEpoch(trainer));
        }
    }

    /** One guarded step on {@code batch}: a drop-in for {@code EasyTrain.trainBatch(trainer, batch); trainer.step();}. */
    public BatchOutcome trainBatch(Trainer trainer, Batch batch) {
        if (halted) {
            throw new IllegalStateException("the guard halted training at step " + last.step()
                    + "; read incidents.jsonl and start a new trainer");
        }
        bind(trainer);
        if (pendingSkips > 0) {
            pendingSkips--;
            if (recorder != null) {
                recorder.batchSkipped();
            }
            return new BatchOutcome.Skipped(pendingSkips);
        }
        List<float[]> saved = DjlHost.copyValues(buffers);
        TrainingListener.BatchData data = new TrainingListener.BatchData(batch, new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>());
        double loss = forwardBackward(trainer, batch, data);
        readGradients();
        try {
            double lrNow = lr == null ? Double.NaN
                    : lr.getNewValue(trainable.get(0).parameter().getId(), updates + 1);
            StepView view = faults.apply(new StepView(step, loss, lrNow, guardViews));
            boolean injected = faults.faults().stream().anyMatch(f -> f.step() == step);
            GuardStep judged = null;
            DjlHost host = null;
            Verdict verdict = Verdict.PROCEED;
            double gradNorm;
            if (guard != null) {
                host = new DjlHost(trainable, buffers, saved, lr, this);
                judged = guard.onStep(view, host);
                verdict = judged.verdict();
                gradNorm = judged.stats().globalNorm();
            } else {
                gradNorm = globalNorm(views);
            }
            if (verdict == Verdict.PROCEED) {
                ClipResult clip = judged == null ? null : judged.clip();
                if (injected || clip != null && clip.clipped() && !Double.isFinite(clip.coefficient())) {
                    views.forEach(DjlParamView::writeGradient);
                } else if (clip != null && clip.clipped()) {
                    views.forEach(v -> v.scaleGradient(clip.coefficient())); // one scale for all: no copy back
                }
                trainer.step();
                updates++;
            } else {
                views.forEach(DjlParamView::zeroGradient);
                if (host == null || !host.restored()) {
                    DjlHost.restoreValues(buffers, saved);
                }
                halted = verdict == Verdict.HALT;
            }
            last = new BatchOutcome.Trained(step, view.loss(), gradNorm, lrNow, verdict, judged);
            step++;
        } finally {
            views.forEach(DjlParamView::release);
        }
        trainer.notifyListeners(l -> l.onTrainingBatch(trainer, data));
        return last;
    }

    /**
     * Takes hold of every trainable parameter's gradient tensor; the guard reads them in libtorch's memory, on
     * this thread. Measured on 2 vCPUs, no second thread helped: the JVM's common pool made the step slower,
     * and a dedicated helper thread that claimed chunks as it woke did 82% of them yet saved nothing, since
     * libtorch's OpenMP worker spins on the other core and the helper ran in turns with this thread.
     */
    private void readGradients() {
        for (DjlParamView v : views) {
            v.refresh();
        }
    }

    private static double forwardBackward(Trainer trainer, Batch batch, TrainingListener.BatchData data) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList x = batch.getData();
            NDList y = batch.getLabels();
            NDList preds = trainer.forward(x, y);
            NDArray loss = trainer.getLoss().evaluate(y, preds);
            collector.backward(loss);
            data.getLabels().put(y.get(0).getDevice(), y);
            data.getPredictions().put(preds.get(0).getDevice(), preds);
            return loss.getFloat();
        }
    }

    private void bind(Trainer trainer) {
        if (bound == trainer) {
            return;
        }
        if (bound != null) {
            throw new IllegalArgumentException("GuardedTraining is bound to another trainer; build one per trainer");
        }
        if (trainer.getDevices().length != 1) {
            throw new IllegalArgumentException("GuardedTraining trains on one device, but the trainer has "
                    + trainer.getDevices().length + ": " + java.util.Arrays.toString(trainer.getDevices()));
        }
        List<DjlParameters.Named> all = DjlParameters.of(trainer.getModel().getBlock());
        for (DjlParameters.Named p : all) {
            if (!p.parameter().isInitialized()) {
                throw new IllegalStateException("parameter '" + p.name() + "' is not initialized: call "
                        + "trainer.initialize(inputShape) before the first batch");
            }
        }
        params = all;
        trainable = all.stream().filter(DjlParameters.Named::trainable).toList();
        buffers = all.stream().filter(p -> !p.trainable()).toList();
        if (trainable.isEmpty()) {
            throw new IllegalStateException("the model has no trainable parameter");
        }
        views = trainable.stream().map(DjlParamView::of).toList();
        guardViews = List.copyOf(views);
        boolean clipping = guard != null && !(guard.config().clip() instanceof io.gradguard.guard.clip.ClipPolicy.None);
        double baseLr = lr == null ? Double.NaN : lr.getNewValue(trainable.get(0).parameter().getId(), 1);
        facts = DjlModelFacts.of(trainer.getModel().getBlock(), params, optimizerName, baseLr, clipping);
        bound = trainer;
    }

    /**
     * The L2 norm of all gradients (what the run records without a guard), read in libtorch's memory, or in
     * the view's copy when a fault was injected into it.
     */
    private static double globalNorm(List<DjlParamView> views) {
        ScanKernel kernel = ScanKernel.best();
        double sumSq = 0;
        for (DjlParamView v : views) {
            ByteBuffer m = v.gradMemory();
            float[] g = m == null ? v.grad() : null;
            if (m != null) {
                sumSq += kernel.sumOfSquares(m, 0, m.limit() / Float.BYTES);
            } else if (g != null) {
                sumSq += kernel.sumOfSquares(g, 0, g.length);
            }
        }
        return Math.sqrt(sumSq);
    }

    void skipBatches(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("batches to skip must be >= 0, got " + n);
        }
        pendingSkips += n;
    }

    /** The guard, or null when training without one. */
    public Guard guard() {
        return guard;
    }

    /** The last batch trained (not skipped), or null before the first. */
    public BatchOutcome.Trained last() {
        return last;
    }

    /** Whether the guard stopped training. */
    public boolean halted() {
        return halted;
    }

    /** Steps taken so far (applied or not; skipped batches take none). */
    public long steps() {
        return step;
    }

    /** Optimiser updates applied so far. */
    public int updates() {
        return updates;
    }

    /** What the diagnoser knows about the model, once the first batch has been seen (else null). */
    public ModelFacts facts() {
        return facts;
    }

    /** Every parameter of the bound model with its PyTorch-style name, once the first batch has been seen. */
    public List<DjlParameters.Named> parameters() {
        return params == null ? List.of() : params;
    }

    String optimizerName() {
        return optimizerName;
    }

    ScalableTracker learningRate() {
        return lr;
    }
}
