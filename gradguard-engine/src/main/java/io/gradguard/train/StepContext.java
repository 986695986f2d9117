package io.gradguard.train;

import io.gradguard.data.DataLoader;
import io.gradguard.nn.Parameter;
import io.gradguard.optim.Optimizer;
import java.util.Map;

/**
 * One training step as a hook sees it: where it is, the loss, and the parameters with their gradients.
 * Parameter values and gradients are live ({@code p.value().data()}, {@code p.grad().data()}): writing
 * into them changes what the optimiser applies.
 */
public final class StepContext {
    private final long step;
    private final int epoch;
    private final int batch;
    private double loss;
    private final Map<String, Parameter> parameters;
    private final Optimizer optimizer;
    private final Trainer trainer;
    private final DataLoader.Batch data;
    private double gradNorm = Double.NaN;
    private boolean gradNormReported;

    StepContext(long step, int epoch, int batch, double loss, Map<String, Parameter> parameters,
                Optimizer optimizer, Trainer trainer, DataLoader.Batch data) {
        this.data = data;
        this.step = step;
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.trainer = trainer;
    }

    /** Global optimiser-step index (0-based), counting skipped steps too. */
    public long step() {
        return step;
    }

    public int epoch() {
        return epoch;
    }

    /** Batch index within the epoch. */
    public int batch() {
        return batch;
    }

    /** The step's training loss, penalties included. May be NaN or infinite. */
    public double loss() {
        return loss;
    }

    /** Replaces the loss reported for this step (fault injection corrupts it to test the guard). */
    public void overrideLoss(double value) {
        this.loss = value;
    }

    /**
     * Tells the trainer the global L2 norm of this step's gradients, before any clipping, when a hook has
     * computed it anyway (the guard's monitor does): a hook whose {@link StepHook#reportsGradNorm()} is true
     * spares the trainer its own pass over every gradient. The value must be the norm of the gradients as the hook received them.
     */
    public void reportGradNorm(double norm) {
        this.gradNorm = norm;
        this.gradNormReported = true;
    }

    boolean gradNormReported() {
        return gradNormReported;
    }

    /** The norm a hook reported with {@link #reportGradNorm} (NaN when the gradients held a NaN). */
    double reportedGradNorm() {
        return gradNorm;
    }

    /** The batch this step trains on. */
    public DataLoader.Batch data() {
        return data;
    }

    /**
     * Re-runs this step with anomaly tracing and names the first op and layer that produced a NaN or Inf
     * (see {@link io.gradguard.autograd.Anomaly}); the gradients are recomputed in the process.
     */
    public String traceNonFinite() {
        return trainer.traceNonFinite(data);
    }

    /** The model being trained. */
    public io.gradguard.nn.Module model() {
        return trainer.model();
    }

    /** Every parameter by full name ({@code layers.0.weight}), in model order. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The learning rate the optimiser will use for this step. */
    public double lr() {
        return optimizer.lr();
    }

    /**
     * Multiplies the learning rate from now on (on top of the schedule), e.g. 0.5 to halve it after a
     * spike. The factor must be in (0, 1].
     */
    public void scaleLr(double factor) {
        trainer.scaleLr(factor);
        optimizer.setLr(optimizer.lr() * factor);
    }

    /** The multiplier accumulated by {@link #scaleLr} so far (1 when never scaled). */
    public double lrScale() {
        return trainer.lrScale();
    }

    /** Skips the next {@code n} batches without training on them (PaLM's remedy after a rollback). */
    public void skipBatches(int n) {
        trainer.skipBatches(n);
    }
}
