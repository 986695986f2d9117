package io.gradguard.cli.spec;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A resolved {@code gradguard train} run spec: every default filled, every value checked.
 *
 * <h2>Reference</h2>
 * Keys are snake_case in YAML and camelCase in the records. Unknown keys, duplicate keys and values of the
 * wrong type or range are errors that name the key path and line. {@code spec-reference.md} (module
 * resources) holds the same reference with examples.
 * <pre>{@code
 * name: spirals-relu     # optional; default: the file name without extension; [A-Za-z0-9._-]+
 * seed: 42               # any long (default 0); drives every RNG: init, shuffling, data
 * model:
 *   input: 2             # one example's shape (required): F, [T, F] (sequence) or [C, H, W] (image)
 *   init: he_normal      # default initializer of dense and conv weights (default: `default`, PyTorch's)
 *   layers:              # required, non-empty; each entry is one of:
 *     - dense: 64                      # dense, short form: units only
 *     - dense: {units: 64, activation: relu, bias: true, init: {name: normal, std: 0.1}}
 *     - relu                           # an activation, bare name
 *     - leaky_relu: {negative_slope: 0.1}   # an activation with params
 *     - repeat: {times: 20, layers: [{dense: 64}, tanh]}   # layers repeated in place, times >= 1
 *     - conv2d: {out_channels: 16, kernel_size: 3, stride: 1, padding: 0, bias: true, activation: relu}
 *     - maxpool2d: 2                   # or {kernel_size, stride (= kernel_size), padding: 0}; avgpool2d alike
 *     - global_avgpool                 # [C, H, W] -> [C]
 *     - flatten                        # any shape -> a vector
 *     - batchnorm                      # or {eps: 1e-5, momentum: 0.1, affine: true, track_running_stats: true}
 *     - layernorm                      # or {eps: 1e-5, elementwise_affine: true}
 *     - dropout: 0.2                   # or {p: 0.2}; bare: p = 0.5
 *     - residual: [{dense: 64}, relu]  # or {layers: [...], projection: auto | true | false}
 *     - lstm: 64                       # or {hidden_size, num_layers: 1, bias: true, init}; rnn (+ nonlinearity), gru
 *     - last_step                      # [T, H] -> [H]
 * data:                  # required
 *   name: spirals        # spirals | circles | blobs | xor | parity | sine | bars | shapes | adding
 *                        # | temporal_order | csv | idx
 *   samples: 3000        # generator params, see below
 * loss: cross_entropy    # required: mse | bce_with_logits | cross_entropy (or {name: ...})
 * optimizer:             # required
 *   name: adam           # sgd | adam | adamw | rmsprop | adagrad
 *   lr: 0.01             # > 0; required for sgd
 *   betas: [0.9, 0.999]  # optimizer params, see below
 *   schedule: {name: cosine, t_max: 100, eta_min: 0.0, interval: epoch, warmup: 5, warmup_start_factor: 0.1}
 *   regularization: {l1: 0.0, l2: 1e-4}    # >= 0 each, default 0
 * training:              # required
 *   epochs: 100          # >= 1 (required)
 *   batch_size: 64       # >= 1 (default 32)
 *   validation_split: 0.2   # [0, 1) (default 0)
 *   shuffle: true        # default true
 *   log_every: 1         # optimizer steps between metrics lines, >= 1 (default 1)
 *   checkpoint_every: 10 # epochs between checkpoints, >= 0; 0: only at the end (default 0)
 *   terminate_on_nan: false # stop after the first applied step with a NaN/Inf loss (default false)
 * output:
 *   dir: runs            # the run goes to DIR/NAME (default runs)
 * }</pre>
 * <ul>
 *   <li>Dense: {@code units} > 0 (required), {@code bias} (true), {@code activation} (none), {@code init}
 *       (model.init). {@code activation} and {@code init} are a bare name or {@code {name: ..., params}}.
 *   <li>Activations ({@link ActivationSpec}): identity, sigmoid, tanh, relu, leaky_relu(negative_slope=0.01,
 *       >= 0), elu(alpha=1, >= 0), gelu, selu, softplus(beta=1 > 0, threshold=20).
 *   <li>Initializers ({@link InitSpec}): default, zeros, constant(value, required), normal(mean=0, std=1 >=
 *       0), uniform(a=0, b=1, a &lt; b), xavier_normal(gain=1 > 0), xavier_uniform(gain=1), kaiming_normal =
 *       he_normal and kaiming_uniform = he_uniform (a=0 >= 0, mode=fan_in|fan_out,
 *       nonlinearity=relu|leaky_relu|tanh|sigmoid|selu|linear, default leaky_relu as PyTorch),
 *       lecun_normal, orthogonal(gain=1 > 0).
 *   <li>Generators ({@link DataSpec.Synthetic}): spirals(samples=1000, classes=3 >= 2, noise=0.2),
 *       circles(samples=1000, factor=0.5 in (0, 1), noise=0.05), blobs(samples=1000, centers=3,
 *       features=2, cluster_std=1.0), xor(samples=1000, noise=0.1), parity(samples=1024, bits=8),
 *       sine(samples=1000, noise=0.05, periods=2 > 0); samples > 0, noise >= 0.
 *   <li>Layers ({@link LayerSpec}), their shape rules ({@link ModelShapes}), residual projections and
 *       recurrent init: see {@code spec-reference.md}.
 *   <li>Image and sequence generators: bars(samples=1000, size=16 in 8..64, channels=1 in 1..4, classes=4 in
 *       2..8, noise=0.1), shapes(samples=1000, size=16, channels=1, noise=0.1), adding(samples=2000,
 *       length=50 >= 2), temporal_order(samples=2000, length=100 >= 10).
 *   <li>IDX ({@link DataSpec.Idx}): {@code {name: idx, images (required), labels (required)}}, paths relative
 *       to the spec file like CSV.
 *   <li>CSV ({@link DataSpec.Csv}): {@code {name: csv, path (required), target (required), header: true,
 *       delimiter: ",", standardize: false, task}}; task is classification | regression, by default
 *       regression for {@code loss: mse} and classification otherwise.
 *   <li>Optimizers ({@link OptimizerSpec}), PyTorch's defaults: sgd(lr required, momentum=0, dampening=0,
 *       weight_decay=0, nesterov=false; Nesterov needs momentum > 0 and dampening 0), adam(lr=1e-3,
 *       betas=[0.9, 0.999], eps=1e-8, weight_decay=0, amsgrad=false), adamw(same but weight_decay=1e-2),
 *       rmsprop(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=false),
 *       adagrad(lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10). Ranges: lr >
 *       0, betas in [0, 1), eps > 0, everything else >= 0.
 *   <li>Schedules ({@link ScheduleSpec}): constant (default), step(step_size >= 1 required, gamma=0.1 >
 *       0), exponential(gamma > 0 required), cosine(t_max >= 1 required, eta_min=0 >= 0); plus
 *       interval=epoch|step (epoch), warmup >= 0 intervals (0), warmup_start_factor in (0, 1] (1/3).
 * </ul>
 *
 * <p>{@code guard} (optional, see {@link GuardSpec}): present, the gradient guard watches the run; absent
 * or {@code guard: false}, it does not.
 *
 * <p>{@link #lines()} records where each key was written (not part of {@link #equals}); use {@link #lineOf}
 * or {@link #errorAt} to report a problem found later at the right line.
 */
public record RunSpec(String name, long seed, ModelSpec model, DataSpec data, LossSpec loss,
        OptimizerSpec optimizer, TrainingSpec training, OutputSpec output, GuardSpec guard, SpecLines lines) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public RunSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("RunSpec name must be a directory name of letters, digits, "
                    + "'.', '_' and '-', got '" + name + "'");
        }
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(output, "output");
        lines = lines == null ? SpecLines.NONE : lines;
    }

    /** A spec built in code, with no line information and no guard. */
    public RunSpec(String name, long seed, ModelSpec model, DataSpec data, LossSpec loss, OptimizerSpec optimizer,
            TrainingSpec training, OutputSpec output) {
        this(name, seed, model, data, loss, optimizer, training, output, null, SpecLines.NONE);
    }

    /** This spec with another guard section (null: no guard), keeping the line information. */
    public RunSpec withGuard(GuardSpec g) {
        return new RunSpec(name, seed, model, data, loss, optimizer, training, output, g, lines);
    }

    /** This spec with other data, keeping the line information. */
    public RunSpec withData(DataSpec d) {
        return new RunSpec(name, seed, model, d, loss, optimizer, training, output, guard, lines);
    }

    /** Whether {@code name} is a valid run name (and directory name). */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The line {@code path} (or its nearest enclosing key) was written at; 0 if unknown. */
    public int lineOf(String path) {
        return lines.lineOf(path);
    }

    /** An error at {@code path} with its line: {@code spec.yaml:12: optimizer.lr: Adam lr must be ...}. */
    public SpecException errorAt(String path, String problem) {
        return lines.errorAt(path, problem);
    }

    /** Equal when every spec value is; where the keys were written ({@link #lines()}) does not count. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RunSpec r && name.equals(r.name) && seed == r.seed && model.equals(r.model)
                && data.equals(r.data) && loss.equals(r.loss) && optimizer.equals(r.optimizer)
                && training.equals(r.training) && output.equals(r.output) && Objects.equals(guard, r.guard);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, seed, model, data, loss, optimizer, training, output, guard);
    }
}
