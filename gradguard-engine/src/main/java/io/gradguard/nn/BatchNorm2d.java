package io.gradguard.nn;

import io.gradguard.autograd.Var;
import io.gradguard.tensor.Tensor;
import java.util.Map;

/**
 * Batch normalisation of {@code [N, C, H, W]} (NCHW) inputs ({@code torch.nn.BatchNorm2d}; Ioffe and Szegedy,
 * 2015): per channel {@code c}, statistics over the {@code m = N * H * W} values of that channel, otherwise
 * exactly as {@link BatchNorm1d} (biased variance to normalise, unbiased variance in {@code running_var},
 * {@code running = (1 - momentum) * running + momentum * batch_stat}, running estimates in evaluation).
 */
public final class BatchNorm2d extends Module {
    private final BatchNorm1d.Core core;

    /** {@code BatchNorm2d(numFeatures)} with PyTorch's defaults. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, BatchNorm1d.Options.DEFAULTS);
    }

    public BatchNorm2d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        this(numFeatures, new BatchNorm1d.Options(eps, new BatchNorm1d.Momentum.Exponential(momentum), affine,
                trackRunningStats));
    }

    public BatchNorm2d(int numFeatures, BatchNorm1d.Options options) {
        this.core = new BatchNorm1d.Core(this, "BatchNorm2d", numFeatures, options);
    }

    @Override
    protected Var compute(Var x) {
        int[] s = x.shape();
        int c = core.numFeatures;
        if (s.length != 4 || s[1] != c) {
            throw BatchNorm1d.Core.shapeError(this, "batch_norm2d", "input [N, " + c + ", H, W]", s);
        }
        return core.forward(x, isTraining());
    }

    public int numFeatures() {
        return core.numFeatures;
    }

    public BatchNorm1d.Options options() {
        return core.options;
    }

    /** Gamma {@code [C]}, or {@code null} when {@code affine=false}. */
    public Parameter weight() {
        return core.weight;
    }

    /** Beta {@code [C]}, or {@code null} when {@code affine=false}. */
    public Parameter bias() {
        return core.bias;
    }

    /** The live running mean {@code [C]}, or {@code null} when {@code trackRunningStats=false}. */
    public Tensor runningMean() {
        return core.runningMean;
    }

    /** The live running (unbiased) variance {@code [C]}, or {@code null} when not tracked. */
    public Tensor runningVar() {
        return core.runningVar;
    }

    public long numBatchesTracked() {
        return core.numBatchesTracked();
    }

    /**
     * The live buffers {@code running_mean}, {@code running_var}, {@code num_batches_tracked} by local
     * {@code state_dict} name (empty when not tracked); copy into them to restore a checkpoint.
     */
    @Override
    public Map<String, Tensor> buffers() {
        return core.buffers();
    }

    @Override
    public String toString() {
        return core.describe();
    }
}
