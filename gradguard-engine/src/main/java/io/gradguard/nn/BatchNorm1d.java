package io.gradguard.nn;

import io.gradguard.autograd.NormOps;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch normalisation of {@code [N, C]} or {@code [N, C, L]} inputs ({@code torch.nn.BatchNorm1d}; Ioffe and
 * Szegedy, 2015): {@code y = (x - E[x]) / sqrt(Var[x] + eps) * gamma + beta} per channel {@code c}.
 *
 * <p>Training: {@code E[x]} and the biased {@code Var[x]} are taken over the batch (and {@code L}), and the
 * gradient flows through them (see {@link NormOps#batchNorm}). With {@code trackRunningStats}, each training
 * forward also updates {@code running = (1 - momentum) * running + momentum * batch_stat}, using the
 * <em>unbiased</em> variance {@code Var[x] * m / (m - 1)} ({@code m} values per channel) for
 * {@code running_var}, and adds one to {@code num_batches_tracked}. Evaluation normalises by the running
 * estimates, or by batch statistics when they are not tracked.
 *
 * <p>{@code weight} (gamma, initialised to 1) and {@code bias} (beta, initialised to 0) are the two
 * learnable parameters of each channel when {@code affine}; the buffers ({@code running_mean = 0},
 * {@code running_var = 1}, {@code num_batches_tracked = 0}) are not parameters and are returned by
 * {@link #buffers()} under their {@code state_dict} names.
 */
public final class BatchNorm1d extends Module {
    private final Core core;

    /** {@code BatchNorm1d(numFeatures)} with PyTorch's defaults (see {@link Options#DEFAULTS}). */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, Options.DEFAULTS);
    }

    public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
        this(numFeatures, new Options(eps, new Momentum.Exponential(momentum), affine, trackRunningStats));
    }

    public BatchNorm1d(int numFeatures, Options options) {
        this.core = new Core(this, "BatchNorm1d", numFeatures, options);
    }

    @Override
    protected Var compute(Var x) {
        int[] s = x.shape();
        int c = core.numFeatures;
        if ((s.length != 2 && s.length != 3) || s[1] != c) {
            throw Core.shapeError(this, "batch_norm1d", "input [N, " + c + "] or [N, " + c + ", L]", s);
        }
        return core.forward(x, isTraining());
    }

    public int numFeatures() {
        return core.numFeatures;
    }

    public Options options() {
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

    /** Training forwards seen while tracking (0 when not tracked). */
    public long numBatchesTracked() {
        return core.numBatchesTracked();
    }

    /** See {@link Core#buffers()}. */
    @Override
    public Map<String, Tensor> buffers() {
        return core.buffers();
    }

    @Override
    public String toString() {
        return core.describe();
    }

    /** Hyperparameters shared by {@link BatchNorm1d} and {@link BatchNorm2d}, named as in PyTorch. */
    public record Options(double eps, Momentum momentum, boolean affine, boolean trackRunningStats) {
        /** {@code eps=1e-5, momentum=0.1, affine=True, track_running_stats=True}. */
        public static final Options DEFAULTS = new Options(1e-5, new Momentum.Exponential(0.1), true, true);

        public Options {
            if (!(eps >= 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("BatchNorm eps must be finite and >= 0, got " + eps);
            }
            if (momentum == null) {
                throw new IllegalArgumentException("BatchNorm momentum must be given (use Momentum.CumulativeAverage"
                        + " for PyTorch's momentum=None), got null");
            }
        }
    }

    /** How running estimates follow the batch statistics. */
    public sealed interface Momentum {
        /** The weight of the new batch statistic at the {@code k}-th tracked batch. */
        double factor(long k);

        /** {@code running = (1 - value) * running + value * batch_stat}; PyTorch's {@code momentum=value}. */
        record Exponential(double value) implements Momentum {
            public Exponential {
                if (!(value >= 0 && value <= 1)) {
                    throw new IllegalArgumentException("BatchNorm momentum must be in [0, 1], got " + value);
                }
            }

            public double factor(long k) {
                return value;
            }

            @Override
            public String toString() {
                return Double.toString(value);
            }
        }

        /** The plain average of all batch statistics so far ({@code factor = 1 / k}); {@code momentum=None}. */
        record CumulativeAverage() implements Momentum {
            public double factor(long k) {
                return 1.0 / k;
            }

            @Override
            public String toString() {
                return "None";
            }
        }
    }

    /** The parameters, buffers and forward rule of a batch-norm module, shared by the 1-d and 2-d layers. */
    static final class Core {
        final String kind;
        final int numFeatures;
        final Options options;
        final Parameter weight;
        final Parameter bias;
        final Tensor runningMean;
        final Tensor runningVar;
        final Tensor numBatchesTracked;

        Core(Module owner, String kind, int numFeatures, Options options) {
            if (numFeatures <= 0) {
                throw new IllegalArgumentException(kind + " numFeatures must be > 0, got " + numFeatures);
            }
            if (options == null) {
                throw new IllegalArgumentException(kind + " options must be given, got null");
            }
            this.kind = kind;
            this.numFeatures = numFeatures;
            this.options = options;
            this.weight = options.affine() ? owner.parameter("weight", Tensor.full(1f, numFeatures)) : null;
            this.bias = options.affine() ? owner.parameter("bias", Tensor.zeros(numFeatures)) : null;
            boolean track = options.trackRunningStats();
            this.runningMean = track ? Tensor.zeros(numFeatures) : null;
            this.runningVar = track ? Tensor.full(1f, numFeatures) : null;
            this.numBatchesTracked = track ? Tensor.scalar(0f) : null;
        }

        /** Batch statistics in training or when untracked; running estimates otherwise. */
        Var forward(Var x, boolean training) {
            boolean track = options.trackRunningStats();
            if (!training && track) {
                return NormOps.batchNormEval(x, weight, bias, runningMean, runningVar, options.eps());
            }
            double[] mean = new double[numFeatures];
            double[] var = new double[numFeatures];
            Var y = NormOps.batchNorm(x, weight, bias, options.eps(), mean, var);
            if (training && track) {
                long k = numBatchesTracked() + 1;
                numBatchesTracked.data()[0] = k;
                double f = options.momentum().factor(k);
                double m = (double) x.value().numel() / numFeatures;
                float[] rm = runningMean.data();
                float[] rv = runningVar.data();
                for (int c = 0; c < numFeatures; c++) {
                    double unbiased = var[c] * m / (m - 1);
                    rm[c] = (float) ((1 - f) * rm[c] + f * mean[c]);
                    rv[c] = (float) ((1 - f) * rv[c] + f * unbiased);
                }
            }
            return y;
        }

        long numBatchesTracked() {
            return numBatchesTracked == null ? 0 : (long) numBatchesTracked.data()[0];
        }

        /**
         * The live buffers by local {@code state_dict} name: {@code running_mean [C]}, {@code running_var [C]}
         * and {@code num_batches_tracked} (a float32 scalar, exact up to 2^24 batches; PyTorch stores an
         * int64); empty when statistics are not tracked. Copy into these tensors to restore a checkpoint.
         */
        Map<String, Tensor> buffers() {
            Map<String, Tensor> out = new LinkedHashMap<>();
            if (options.trackRunningStats()) {
                out.put("running_mean", runningMean);
                out.put("running_var", runningVar);
                out.put("num_batches_tracked", numBatchesTracked);
            }
            return out;
        }

        String describe() {
            return kind + "(" + numFeatures + ", eps=" + options.eps() + ", momentum=" + options.momentum()
                    + ", affine=" + options.affine() + ", track_running_stats=" + options.trackRunningStats() + ")";
        }

        /** {@code Layer 'layers.1' (batch_norm1d) expects input [N, 16] or [N, 16, L] but got [32, 10]}. */
        static IllegalArgumentException shapeError(Module m, String op, String expected, int[] got) {
            String where = m.path().isEmpty() ? "" : "Layer '" + m.path() + "' ";
            return new IllegalArgumentException(where + "(" + op + ") expects " + expected + " but got "
                    + Shapes.str(got));
        }
    }
}
