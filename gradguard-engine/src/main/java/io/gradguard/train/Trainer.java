package io.gradguard.train;

import io.gradguard.autograd.Anomaly;
import io.gradguard.autograd.Var;
import io.gradguard.data.DataLoader.Batch;
import io.gradguard.data.DataLoader;
import io.gradguard.data.Dataset;
import io.gradguard.nn.Loss;
import io.gradguard.nn.Module;
import io.gradguard.nn.Parameter;
import io.gradguard.nn.Stochastic;
import io.gradguard.optim.LrSchedule;
import io.gradguard.optim.Optimizer;
import io.gradguard.optim.Penalty;
import io.gradguard.tensor.Rng;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The training loop: for each batch, forward, loss, backward, penalties, {@link StepHook hooks}, optimiser
 * step; validation and a checkpoint at the end of epochs.
 *
 * <p>Deterministic: the batch order depends only on the seed and the epoch, GEMM partitions only the
 * output, so the same spec and seed give bitwise-identical losses on the same machine. A run restored
 * from a {@link Checkpoint} continues exactly where it stopped.
 */
public final class Trainer {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final double baseLr;
    private final Penalty penalty;
    private final Dataset train;
    private final Dataset validation;
    private final TrainConfig config;
    private final DataLoader loader;
    private final List<StepHook> hooks = new ArrayList<>();
    private boolean reportingHook;
    private final List<TrainListener> listeners = new ArrayList<>();
    private final Map<String, Parameter> params;
    private final Rng rng;
    private CheckpointPolicy checkpoints;
    private Progress progress = Progress.START;
    private double lrScale = 1.0;
    private int pendingSkips;

    public Trainer(Module model, Loss loss, Optimizer optimizer, LrSchedule schedule, Penalty penalty,
                   Dataset train, Dataset validation, TrainConfig config, Rng rng) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.baseLr = optimizer.lr();
        this.penalty = penalty;
        this.train = train;
        this.validation = validation;
        this.config = config;
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }
        this.loader = new DataLoader(train, config.batchSize(), config.shuffle(), false, rng.fork("shuffle"));
        this.params = model.namedParameters();
        this.buffers = model.namedBuffers();
        this.rng = rng;
    }

    public Trainer addHook(StepHook hook) {
        reportingHook |= hook.reportsGradNorm();
        hooks.add(hook);
        return this;
    }

    public Trainer addListener(TrainListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Writes checkpoints as the config says ({@code checkpoint_every}) and when a hook stops the run. */
    public Trainer checkpointTo(CheckpointPolicy policy) {
        this.checkpoints = policy;
        return this;
    }

    /** Continues from {@code p} (after {@link Checkpoint#restore}). */
    public Trainer resumeFrom(Progress p) {
        this.progress = p;
        this.lrScale = p.lrScale();
        this.pendingSkips = p.pendingSkips();
        return this;
    }

    public Progress progress() {
        return progress;
    }

    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Runs the remaining epochs and returns how the run ended. */
    public TrainResult fit() {
        long t0 = System.nanoTime();
        int batches = loader.batchesPerEpoch();
        TrainListener.TrainInfo info = new TrainListener.TrainInfo(config.epochs(), progress.epoch(), progress.step(),
                batches, train.size(), validation == null ? 0 : validation.size(), model.parameterCount());
        listeners.forEach(l -> l.onStart(info));
        EpochMetrics last = null;
        boolean stopped = false;
        long step = progress.step();
        long skipped = progress.skippedSteps();
        int epoch = progress.epoch();
        for (; epoch < config.epochs() && !stopped; epoch++) {
            long te = System.nanoTime();
            model.train(true);
            Iterator<Batch> it = loader.epoch(epoch);
            int startBatch = epoch == progress.epoch() ? progress.batch() : 0;
            for (int i = 0; i < startBatch && it.hasNext(); i++) {
                it.next();
            }
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            for (int b = startBatch; it.hasNext(); b++) {
                Batch batch = it.next();
                if (pendingSkips > 0) {
                    pendingSkips--;
                    progress = new Progress(epoch, b + 1, step, lrScale, pendingSkips, skipped);
                    continue;
                }
                long interval = config.interval() == TrainConfig.ScheduleInterval.STEP ? step : epoch;
                optimizer.setLr(schedule.lr(baseLr, interval) * lrScale);
                StepOutcome out = step(batch, step, epoch, b);
                if (out.action == StepAction.STOP) {
                    // Nothing was applied: the checkpoint points at this batch, so a resumed run replays it.
                    stopped = true;
                    StepMetrics m = new StepMetrics(step, epoch, b, out.loss, out.gradNorm, optimizer.lr(),
                            out.action, batch.x().dim(0));
                    listeners.forEach(l -> l.onStep(m));
                    progress = new Progress(epoch, b, step, lrScale, pendingSkips, skipped);
                    break;
                }
                if (out.action != StepAction.PROCEED) {
                    skipped++;
                }
                if (Double.isFinite(out.loss)) {
                    lossSum += out.loss * batch.x().dim(0);
                    correct += out.correct;
                    seen += batch.x().dim(0);
                }
                StepMetrics m = new StepMetrics(step, epoch, b, out.loss, out.gradNorm, optimizer.lr(), out.action,
                        batch.x().dim(0));
                step++;
                progress = new Progress(epoch, b + 1, step, lrScale, pendingSkips, skipped);
                boolean terminate = config.terminateOnNan() && out.action == StepAction.PROCEED
                        && !Double.isFinite(out.loss);
                if (m.step() % config.logEvery() == 0 || out.action != StepAction.PROCEED || terminate) {
                    listeners.forEach(l -> l.onStep(m));
                }
                if (terminate) {
                    stopped = true; // the step was applied: a resumed run starts after it, as Keras's TerminateOnNaN
                    break;
                }
            }
            if (stopped) {
                break;
            }
            progress = new Progress(epoch + 1, 0, step, lrScale, pendingSkips, skipped);
            Evaluator.Result val = validation == null ? new Evaluator.Result(Double.NaN, Double.NaN, 0)
                    : Evaluator.evaluate(model, loss, validation, Math.max(config.batchSize(), 256));
            last = new EpochMetrics(epoch, step, seen == 0 ? Double.NaN : lossSum / seen,
                    loss.classification() && seen > 0 ? (double) correct / seen : Double.NaN, val.loss(),
                    val.accuracy(), skipped, (System.nanoTime() - te) / 1e9);
            EpochMetrics em = last;
            listeners.forEach(l -> l.onEpochEnd(em));
            if (checkpoints != null && config.checkpointEvery() > 0 && (epoch + 1) % config.checkpointEvery() == 0
                    && epoch + 1 < config.epochs()) {
                checkpoints.save(model, optimizer, progress);
            }
        }
        if (checkpoints != null) {
            checkpoints.save(model, optimizer, progress);
        }
        boolean diverged = last != null && !Double.isFinite(last.trainLoss()) || hasNonFinite(params.values());
        TrainResult result = new TrainResult(step, progress.epoch(), stopped, diverged, last,
                (System.nanoTime() - t0) / 1e9);
        listeners.forEach(l -> l.onEnd(result));
        return result;
    }

    private record StepOutcome(double loss, double gradNorm, StepAction action, long correct) {
    }

    private StepOutcome step(Batch batch, long step, int epoch, int b) {
        currentStep = step;
        saveBuffers();
        Var out = computeGradients(batch, null);
        double lossValue = lastLoss;
        long correct = loss.classification() ? Evaluator.countCorrect(loss, out.value(), batch.y()) : 0;
        StepContext ctx = new StepContext(step, epoch, b, lossValue, params, optimizer, this, batch);
        // The logged norm is the gradients' before any hook clips them. A hook that measures it anyway (the
        // guard's monitor) reports it, and the trainer skips its own pass over every gradient.
        boolean reported = reportingHook;
        double gradNorm = reported ? Double.NaN : GradientNorms.global(params.values());
        StepAction action = StepAction.PROCEED;
        for (StepHook h : hooks) {
            StepAction a = h.afterBackward(ctx);
            if (a.ordinal() > action.ordinal()) {
                action = a;
            }
        }
        if (reported) {
            gradNorm = ctx.gradNormReported() ? ctx.reportedGradNorm() : GradientNorms.global(params.values());
        }
        if (action == StepAction.PROCEED) {
            optimizer.step();
        } else {
            // A step not applied leaves no trace: undo its forward pass's buffer updates (batch-norm
            // running statistics), which a NaN batch would otherwise poison.
            restoreBuffers();
        }
        return new StepOutcome(ctx.loss(), gradNorm, action, correct);
    }

    private double lastLoss;
    private final Map<String, io.gradguard.tensor.Tensor> buffers;
    private final List<float[]> bufferCopies = new ArrayList<>();

    private void saveBuffers() {
        int i = 0;
        for (io.gradguard.tensor.Tensor t : buffers.values()) {
            if (bufferCopies.size() <= i) {
                bufferCopies.add(new float[t.numel()]);
            }
            System.arraycopy(t.data(), 0, bufferCopies.get(i++), 0, t.numel());
        }
    }

    private void restoreBuffers() {
        int i = 0;
        for (io.gradguard.tensor.Tensor t : buffers.values()) {
            System.arraycopy(bufferCopies.get(i++), 0, t.data(), 0, t.numel());
        }
    }
    private long currentStep;

    /** Zeroes the gradients, then forward, loss, backward and penalties; sets {@link #lastLoss}. */
    private Var computeGradients(Batch batch, Anomaly.Trace trace) {
        optimizer.zeroGrad();
        // Dropout masks depend only on the seed, the layer and the step: a resumed run draws the same ones.
        Stochastic.reseedAll(model, rng, currentStep);
        Var out = model.forward(Var.constant(batch.x()));
        Var l = loss.compute(out, batch.y());
        if (trace == null) {
            l.backward();
        } else {
            l.backward(io.gradguard.tensor.Tensor.full(1f, l.shape()), trace.observer());
        }
        penalty.apply(params.values());
        lastLoss = l.item() + penalty.value(params.values());
        return out;
    }

    /**
     * Re-runs the step's forward and backward on {@code batch} with anomaly tracing and names the first op
     * and layer that produced a NaN or Inf. The recomputed gradients replace the step's (they are the
     * same unless something outside the graph corrupted them).
     */
    String traceNonFinite(Batch batch) {
        try (Anomaly.Trace trace = Anomaly.start()) {
            computeGradients(batch, trace);
            return trace.first() != null ? trace.first()
                    : "not reproduced by re-running the step: the non-finite values did not come from the graph";
        }
    }

    void scaleLr(double factor) {
        if (!(factor > 0) || factor > 1) {
            throw new IllegalArgumentException("learning-rate scale factor must be in (0, 1], got " + factor);
        }
        lrScale *= factor;
    }

    double lrScale() {
        return lrScale;
    }

    void skipBatches(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("batches to skip must be >= 0, got " + n);
        }
        pendingSkips += n;
    }

    private static boolean hasNonFinite(Collection<Parameter> ps) {
        for (Parameter p : ps) {
            for (float v : p.value().data()) {
                if (!Float.isFinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
