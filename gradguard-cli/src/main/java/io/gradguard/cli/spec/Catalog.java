package io.gradguard.cli.spec;

import static io.gradguard.cli.spec.Param.choice;
import static io.gradguard.cli.spec.Param.flag;
import static io.gradguard.cli.spec.Param.integer;
import static io.gradguard.cli.spec.Param.pair;
import static io.gradguard.cli.spec.Param.real;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every name the spec accepts and its params with defaults. Activation, initializer and optimizer defaults
 * are PyTorch's ({@code torch.nn}, {@code torch.nn.init}, {@code torch.optim}, {@code
 * torch.optim.lr_scheduler}); generator defaults follow scikit-learn's {@code make_circles} and {@code
 * make_blobs} where those exist.
 */
final class Catalog {
    private Catalog() {
    }

    private static final Rule POSITIVE = Rule.greaterThan(0);
    private static final Rule NON_NEGATIVE = Rule.atLeast(0);

    static final Family ACTIVATIONS = new Family("activation", members(
            "identity", List.of(),
            "sigmoid", List.of(),
            "tanh", List.of(),
            "relu", List.of(),
            "leaky_relu", List.of(real("negative_slope", 0.01, NON_NEGATIVE)),
            "elu", List.of(real("alpha", 1.0, NON_NEGATIVE)),
            "gelu", List.of(),
            "selu", List.of(),
            "softplus", List.of(real("beta", 1.0, POSITIVE), real("threshold", 20.0, Rule.any()))), Map.of());

    private static final List<Param> KAIMING = List.of(
            real("a", 0.0, NON_NEGATIVE),
            choice("mode", "fan_in", "fan_in", "fan_out"),
            choice("nonlinearity", "leaky_relu", "relu", "leaky_relu", "tanh", "sigmoid", "selu", "linear"));

    static final Family INITIALIZERS = new Family("initializer", members(
            "default", List.of(),
            "zeros", List.of(),
            "constant", List.of(real("value", null, Rule.any())),
            "normal", List.of(real("mean", 0.0, Rule.any()), real("std", 1.0, NON_NEGATIVE)),
            "uniform", List.of(real("a", 0.0, Rule.any()), real("b", 1.0, Rule.any())),
            "xavier_normal", List.of(real("gain", 1.0, POSITIVE)),
            "xavier_uniform", List.of(real("gain", 1.0, POSITIVE)),
            "kaiming_normal", KAIMING,
            "kaiming_uniform", KAIMING,
            "lecun_normal", List.of(),
            "orthogonal", List.of(real("gain", 1.0, POSITIVE))),
            orderedMap("he_normal", "kaiming_normal", "he_uniform", "kaiming_uniform"));

    private static final Param SAMPLES_1000 = integer("samples", 1000, POSITIVE);

    /** The synthetic data generators; {@code csv} is handled apart ({@link DataSpec.Csv}). */
    static final Family GENERATORS = new Family("generator", members(
            "spirals", List.of(SAMPLES_1000, integer("classes", 3, Rule.atLeast(2)), real("noise", 0.2, NON_NEGATIVE)),
            "circles", List.of(SAMPLES_1000, real("factor", 0.5, Rule.unitOpen()), real("noise", 0.05, NON_NEGATIVE)),
            "blobs", List.of(SAMPLES_1000, integer("centers", 3, Rule.atLeast(1)),
                    integer("features", 2, Rule.atLeast(1)), real("cluster_std", 1.0, NON_NEGATIVE)),
            "xor", List.of(SAMPLES_1000, real("noise", 0.1, NON_NEGATIVE)),
            "parity", List.of(integer("samples", 1024, POSITIVE), integer("bits", 8, Rule.atLeast(1))),
            "sine", List.of(SAMPLES_1000, real("noise", 0.05, NON_NEGATIVE), real("periods", 2.0, POSITIVE)),
            "bars", List.of(SAMPLES_1000, integer("size", 16, Rule.between(8, 64)),
                    integer("channels", 1, Rule.between(1, 4)), integer("classes", 4, Rule.between(2, 8)),
                    real("noise", 0.1, NON_NEGATIVE)),
            "shapes", List.of(SAMPLES_1000, integer("size", 16, Rule.between(8, 64)),
                    integer("channels", 1, Rule.between(1, 4)), real("noise", 0.1, NON_NEGATIVE)),
            "adding", List.of(integer("samples", 2000, POSITIVE), integer("length", 50, Rule.atLeast(2))),
            "temporal_order", List.of(integer("samples", 2000, POSITIVE), integer("length", 100, Rule.atLeast(10)))),
            Map.of());

    private static final Param HIDDEN_SIZE = integer("hidden_size", null, POSITIVE);
    private static final Param NUM_LAYERS = integer("num_layers", 1, Rule.atLeast(1));
    private static final Param BIAS = flag("bias", true);
    private static final List<Param> POOL = List.of(integer("kernel_size", null, POSITIVE),
            integer("padding", 0, NON_NEGATIVE));

    /**
     * The layers with {@code torch.nn}'s params and defaults, besides dense, repeat, residual and the
     * activations. Keys a map form takes beyond these: conv2d's {@code activation} and {@code init}, the
     * pools' {@code stride} (default: {@code kernel_size}), the recurrent layers' {@code init}.
     */
    static final Family LAYERS = new Family("layer", members(
            "conv2d", List.of(integer("out_channels", null, POSITIVE), integer("kernel_size", null, POSITIVE),
                    integer("stride", 1, POSITIVE), integer("padding", 0, NON_NEGATIVE), BIAS),
            "maxpool2d", POOL,
            "avgpool2d", POOL,
            "global_avgpool", List.of(),
            "flatten", List.of(),
            "batchnorm", List.of(real("eps", 1e-5, NON_NEGATIVE), real("momentum", 0.1, Rule.unitClosed()),
                    flag("affine", true), flag("track_running_stats", true)),
            "layernorm", List.of(real("eps", 1e-5, NON_NEGATIVE), flag("elementwise_affine", true)),
            "dropout", List.of(real("p", 0.5, Rule.unitHalfOpen())),
            "rnn", List.of(HIDDEN_SIZE, NUM_LAYERS, choice("nonlinearity", "tanh", "tanh", "relu"), BIAS),
            "lstm", List.of(HIDDEN_SIZE, NUM_LAYERS, BIAS),
            "gru", List.of(HIDDEN_SIZE, NUM_LAYERS, BIAS),
            "last_step", List.of()), Map.of());

    private static final Param WEIGHT_DECAY_0 = real("weight_decay", 0.0, NON_NEGATIVE);
    private static final Param BETAS = pair("betas", 0.9, 0.999, Rule.unitHalfOpen());

    /** Optimizer params other than {@code lr}, in {@code torch.optim}'s argument order. */
    static final Family OPTIMIZERS = new Family("optimizer", members(
            "sgd", List.of(real("momentum", 0.0, NON_NEGATIVE), real("dampening", 0.0, NON_NEGATIVE), WEIGHT_DECAY_0,
                    flag("nesterov", false)),
            "adam", List.of(BETAS, real("eps", 1e-8, POSITIVE), WEIGHT_DECAY_0, flag("amsgrad", false)),
            "adamw", List.of(BETAS, real("eps", 1e-8, POSITIVE), real("weight_decay", 1e-2, NON_NEGATIVE),
                    flag("amsgrad", false)),
            "rmsprop", List.of(real("alpha", 0.99, NON_NEGATIVE), real("eps", 1e-8, POSITIVE), WEIGHT_DECAY_0,
                    real("momentum", 0.0, NON_NEGATIVE), flag("centered", false)),
            "adagrad", List.of(real("lr_decay", 0.0, NON_NEGATIVE), WEIGHT_DECAY_0,
                    real("initial_accumulator_value", 0.0, NON_NEGATIVE), real("eps", 1e-10, POSITIVE))),
            Map.of());

    /** PyTorch's default {@code lr} per optimizer; {@code null}: required (the brief's rule for SGD). */
    static Double defaultLr(String optimizer) {
        return switch (optimizer) {
            case "adam", "adamw" -> 1e-3;
            case "rmsprop", "adagrad" -> 1e-2;
            default -> null;
        };
    }

    /** Schedules with {@code torch.optim.lr_scheduler}'s params; T_max is spelled {@code t_max}. */
    static final Family SCHEDULES = new Family("schedule", members(
            "constant", List.of(),
            "step", List.of(integer("step_size", null, Rule.atLeast(1)), real("gamma", 0.1, POSITIVE)),
            "exponential", List.of(real("gamma", null, POSITIVE)),
            "cosine", List.of(integer("t_max", null, Rule.atLeast(1)), real("eta_min", 0.0, NON_NEGATIVE))),
            Map.of());

    /** Keys every schedule takes besides its own params. */
    static final List<Param> SCHEDULE_COMMON = List.of(
            choice("interval", "epoch", "epoch", "step"),
            integer("warmup", 0, NON_NEGATIVE),
            real("warmup_start_factor", 1.0 / 3, Rule.unitOpenClosed()));

    static final List<String> LOSSES = List.of("mse", "bce_with_logits", "cross_entropy");

    static final List<Param> TRAINING = List.of(
            integer("epochs", null, Rule.atLeast(1)),
            integer("batch_size", 32, Rule.atLeast(1)),
            real("validation_split", 0.0, Rule.unitHalfOpen()),
            flag("shuffle", true),
            integer("log_every", 1, Rule.atLeast(1)),
            integer("checkpoint_every", 0, NON_NEGATIVE),
            flag("terminate_on_nan", false));

    /** A problem that involves two params: the key to blame and what is wrong. */
    record Violation(String key, String problem) {
    }

    /**
     * Rules across params: uniform needs {@code a < b}; bars need at least one image per class; SGD's Nesterov
     * needs momentum and no dampening.
     */
    static Violation crossCheck(Family family, String name, Map<String, Object> p) {
        if (family == INITIALIZERS && name.equals("uniform")) {
            double a = (Double) p.get("a");
            double b = (Double) p.get("b");
            if (!(a < b)) {
                return new Violation("b", "must be > a = " + a + ", got " + b);
            }
        }
        if (family == GENERATORS && name.equals("bars") && (Integer) p.get("samples") < (Integer) p.get("classes")) {
            return new Violation("samples", "must be >= classes = " + p.get("classes") + ", got " + p.get("samples"));
        }
        if (family == OPTIMIZERS && name.equals("sgd") && (Boolean) p.get("nesterov")) {
            double momentum = (Double) p.get("momentum");
            double dampening = (Double) p.get("dampening");
            if (!(momentum > 0) || dampening != 0) {
                return new Violation("nesterov", "requires momentum > 0 and dampening = 0, got momentum "
                        + momentum + " and dampening " + dampening);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Param>> members(Object... nameThenParams) {
        Map<String, List<Param>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenParams.length; i += 2) {
            m.put((String) nameThenParams[i], (List<Param>) nameThenParams[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
