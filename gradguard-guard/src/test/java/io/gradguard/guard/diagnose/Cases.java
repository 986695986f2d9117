package io.gradguard.guard.diagnose;

import io.gradguard.guard.IncidentRecord;
import io.gradguard.guard.detect.Incident;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.recover.Recovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incidents with the evidence keys the detectors write, and model facts for the example specs. Numbers marked
 * "measured" come from runs of the examples with the default guard (commands in the test that uses them).
 */
final class Cases {
    private Cases() {
    }

    static IncidentRecord record(Incident i) {
        return new IncidentRecord(i, new Recovery.Proceed(), "step applied");
    }

    static IncidentRecord skipped(Incident i) {
        return new IncidentRecord(i, new Recovery.SkipStep(), "step skipped: weights unchanged");
    }

    static Incident incident(long step, IncidentKind kind, String layer, Object... keyValues) {
        Map<String, Object> ev = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            ev.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Incident(step, kind, layer, kind.id() + " at " + step, ev);
    }

    /** Dense layer names {@code layers.0, layers.2, ...} of an MLP whose dense layers each have an activation. */
    static List<String> denseNames(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("layers." + 2 * i);
        }
        return names;
    }

    /**
     * Measured: {@code gradguard train examples/deep-relu-bad-init.yaml --guard --set training.epochs=2}, step 0
     * (bias-gradient profile over the 21 dense layers).
     */
    static Incident badInitExplosion() {
        return incident(0, IncidentKind.DEPTH_EXPLOSION, "layers.0", "growth", 5.391752485052714,
                "first_last_ratio", 5.0553914797140706E14, "r2", 0.9997705015680163, "layers", denseNames(21),
                "norms", List.of(1.787e14, 0.3535), "signal", "bias");
    }

    /** Measured in the same run: every later step's loss was NaN, traced to the forward pass. */
    static Incident modelNaN(long step) {
        return incident(step, IncidentKind.NON_FINITE, "layers.8", "loss", "NaN", "non_finite", 64131L, "nan", 64131L,
                "inf", 0L, "first_non_finite", "layers.8.weight", "first_layer", "layers.8",
                "origin", "forward: op 'linear' in layer 'layers.6' produced NaN/Inf from finite inputs");
    }

    /** A NaN the anomaly re-run did not reproduce (an injected or hardware fault), or untraced (origin null). */
    static Incident outsideNaN(long step, boolean traced) {
        Incident i = incident(step, IncidentKind.NON_FINITE, "layers.0", "loss", 1.02, "non_finite", 1L, "nan", 1L,
                "inf", 0L, "first_non_finite", "layers.0.weight", "first_layer", "layers.0");
        if (!traced) {
            return i;
        }
        Map<String, Object> ev = new LinkedHashMap<>(i.evidence());
        ev.put("origin", "not reproduced by re-running the step: the non-finite values did not come from the graph");
        return new Incident(step, i.kind(), i.layer(), i.message(), ev);
    }

    /** Measured: {@code gradguard train examples/deep-sigmoid.yaml --guard --set training.epochs=3}, step 19. */
    static Incident sigmoidVanishing(long step) {
        return incident(step, IncidentKind.VANISHING, "layers.0", "ratio", 3.2342850293171025E-7,
                "decay", 0.2378839432160495, "r2", 0.9994032900932805, "signal", "bias", "steps", 20L);
    }

    /**
     * Measured: {@code gradguard train examples/spirals.yaml --guard --set optimizer.lr=0.5 --set
     * training.epochs=5} (Adam at 500x its default lr), step 93.
     */
    static Incident deadUnits(long step, double fraction) {
        return incident(step, IncidentKind.DEAD_UNITS, "layers.2", "layer", "layers.2", "fraction", fraction,
                "steps", 92L, "layers", List.of("layers.0", "layers.2"));
    }

    /** Measured: spirals with {@code optimizer.lr=2.0}, step 102. */
    static Incident lossSpike(long step, double ratio) {
        return incident(step, IncidentKind.LOSS_SPIKE, null, "loss", 0.52 * ratio, "ema", 0.52, "ratio", ratio,
                "log_std", 0.247, "z", 11.6);
    }

    static Incident normSpike(long step, double ratio) {
        return incident(step, IncidentKind.GRAD_NORM_SPIKE, null, "norm", 2.0 * ratio, "mean", 2.0, "ratio", ratio,
                "log_std", 0.3, "z", 20.0, "rule", "z+ratio");
    }

    static Incident divergence(long step, double start, double current, long rising) {
        return incident(step, IncidentKind.LOSS_DIVERGENCE, null, "start", start, "start_step", step - rising,
                "current", current, "increase", (current - start) / start, "reference", start, "steps_rising", rising);
    }

    static Incident recurrent(long step, double radius, int gates) {
        return incident(step, IncidentKind.RECURRENT_EXPLOSION, "rnn", "radius", radius, "sigma_max", radius * 1.1,
                "gate", gates == 4 ? "forget" : "hidden", "param", "rnn.weight_hh_l0", "layer", "rnn", "hidden", 32,
                "gates", gates, "radii", List.of(radius));
    }

    static Incident weightGrowth(long step, double initial, double current) {
        return incident(step, IncidentKind.WEIGHT_GROWTH, null, "initial", initial, "initial_step", 100L,
                "current", current, "growth", current / initial, "window", 5);
    }

    /**
     * An MLP as the CLI's model factory names it: {@code hidden} dense layers of {@code width} units each
     * followed by an activation module (dense at {@code layers.2i}, activation at {@code layers.2i+1}), then a
     * linear output layer; every dense layer initialised with {@code init} of std {@code std(fanIn, fanOut)}.
     */
    static ModelFacts mlp(int input, int width, int hidden, String act, double actParam, String init,
                          java.util.function.DoubleBinaryOperator std, int outputs, String optimizer, double lr) {
        List<LayerFacts> layers = new ArrayList<>();
        int in = input;
        for (int i = 0; i < hidden; i++) {
            layers.add(new LayerFacts("layers." + 2 * i, "dense", in, width, init, std.applyAsDouble(in, width), act,
                    actParam));
            layers.add(LayerFacts.plain("layers." + (2 * i + 1), "activation", width, act, actParam));
            in = width;
        }
        layers.add(new LayerFacts("layers." + 2 * hidden, "dense", in, outputs, init, std.applyAsDouble(in, outputs),
                null, 0));
        return new ModelFacts(layers, optimizer, lr, 0, 0, false);
    }

    /** examples/deep-relu-bad-init.yaml: 20 x (dense 64, relu), dense 3, normal(std 1), sgd lr 0.01. */
    static ModelFacts badInitFacts() {
        return mlp(2, 64, 20, "relu", 0, "normal", (i, o) -> 1.0, 3, "sgd", 0.01);
    }

    /** The same network with He init (kaiming_normal, std sqrt(2/fan_in)). */
    static ModelFacts heFacts(int hidden) {
        return mlp(2, 64, hidden, "relu", 0, "kaiming_normal", (i, o) -> Math.sqrt(2 / i), 3, "sgd", 0.01);
    }

    /** examples/deep-sigmoid.yaml: 10 x (dense 32, sigmoid), dense 3, xavier_normal, sgd lr 0.1. */
    static ModelFacts sigmoidFacts() {
        return mlp(2, 32, 10, "sigmoid", 0, "xavier_normal", (i, o) -> Math.sqrt(2 / (i + o)), 3, "sgd", 0.1);
    }

    /** examples/spirals.yaml with a given Adam lr: 2 x (dense 64, relu), dense 3, he_normal. */
    static ModelFacts spiralsFacts(double lr) {
        return mlp(2, 64, 2, "relu", 0, "kaiming_normal", (i, o) -> Math.sqrt(2 / i), 3, "adam", lr);
    }

    /** One rule on incidents applied with {@link Recovery.Proceed}. */
    static java.util.Optional<Diagnosis> run(Rule rule, ModelFacts facts, Incident... incidents) {
        return rule.diagnose(new Findings(records(incidents), List.of()), facts);
    }

    static List<IncidentRecord> records(Incident... incidents) {
        List<IncidentRecord> out = new ArrayList<>();
        for (Incident i : incidents) {
            out.add(record(i));
        }
        return out;
    }
}
