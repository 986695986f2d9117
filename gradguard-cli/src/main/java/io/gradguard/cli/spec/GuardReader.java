package io.gradguard.cli.spec;

import io.gradguard.guard.clip.ClipPolicy;
import io.gradguard.guard.detect.DetectorConfig;
import io.gradguard.guard.detect.IncidentKind;
import io.gradguard.guard.monitor.MonitorConfig;
import io.gradguard.guard.recover.Recovery;
import io.gradguard.guard.recover.RecoveryRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code guard:} section into a {@link GuardSpec}. */
final class GuardReader {
    private GuardReader() {
    }

    static final List<String> KEYS =
            List.of("clip", "detectors", "recovery", "monitor", "snapshot_every", "trace_limit", "inject");

    /** Clip policy names in the spec, with their record types and defaults. */
    static final Map<String, ClipPolicy> CLIPS = new LinkedHashMap<>();
    static final Map<String, DetectorConfig> DETECTORS = new LinkedHashMap<>();

    static {
        CLIPS.put("none", new ClipPolicy.None());
        CLIPS.put("value", new ClipPolicy.ByValue(1.0));
        CLIPS.put("layer_norm", new ClipPolicy.ByLayerNorm(1.0));
        CLIPS.put("global_norm", new ClipPolicy.GlobalNorm(1.0));
        CLIPS.put("autoclip", new ClipPolicy.AutoClip(10.0, 0));
        CLIPS.put("agc", new ClipPolicy.Agc());
        CLIPS.put("zclip", new ClipPolicy.ZClip());
        for (DetectorConfig d : DetectorConfig.defaults()) {
            DETECTORS.put(d.name(), d);
        }
    }

    static String clipName(ClipPolicy p) {
        for (Map.Entry<String, ClipPolicy> e : CLIPS.entrySet()) {
            if (e.getValue().getClass() == p.getClass()) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("no spec name for " + p);
    }

    static GuardSpec read(SpecNode g) {
        GuardSpec d = GuardSpec.defaults();
        if (g.isNull()) {
            return d;
        }
        if (g.isScalar()) {
            if (g.asBool()) {
                return d;
            }
            return null;
        }
        g.allowKeys(KEYS);
        ClipPolicy clip = g.get("clip").map(GuardReader::clip).orElse(d.clip());
        List<DetectorConfig> detectors = g.get("detectors").map(GuardReader::detectors).orElse(d.detectors());
        RecoveryRules recovery = g.get("recovery").map(GuardReader::recovery).orElse(d.recovery());
        MonitorConfig monitor = g.get("monitor").map(n -> RecordParams.read(n, MonitorConfig.class,
                MonitorConfig.defaults(), List.of())).orElse(d.monitor());
        int snapshotEvery = g.get("snapshot_every").map(n -> n.asInt(Rule.atLeast(1))).orElse(d.snapshotEvery());
        int traceLimit = g.get("trace_limit").map(n -> n.asInt(Rule.atLeast(0))).orElse(d.traceLimit());
        String inject = g.get("inject").map(SpecNode::asString).orElse("");
        if (!inject.isBlank()) {
            try {
                io.gradguard.guard.inject.FaultPlan.parse(inject);
            } catch (IllegalArgumentException e) {
                throw g.get("inject").get().error(e.getMessage());
            }
        }
        return new GuardSpec(clip, detectors, recovery, monitor, snapshotEvery, traceLimit, inject);
    }

    /** {@code clip: global_norm} or {@code clip: {name: global_norm, max_norm: 0.5}}. */
    static ClipPolicy clip(SpecNode n) {
        SpecNode nameNode = n.isMap() ? n.require("name") : n;
        String name = nameNode.asChoice("clip policy", new ArrayList<>(CLIPS.keySet()));
        ClipPolicy def = CLIPS.get(name);
        if (!n.isMap()) {
            return def;
        }
        return RecordParams.read(n, recordClass(def), cast2(def), List.of("name"));
    }

    static List<DetectorConfig> detectors(SpecNode n) {
        n.allowKeys(DETECTORS.keySet());
        List<DetectorConfig> out = new ArrayList<>();
        for (Map.Entry<String, DetectorConfig> e : DETECTORS.entrySet()) {
            var given = n.get(e.getKey());
            if (given.isEmpty()) {
                out.add(e.getValue());
            } else if (given.get().isScalar()) {
                if (given.get().asBool()) {
                    out.add(e.getValue());
                }
            } else {
                out.add(RecordParams.read(given.get(), recordClass(e.getValue()), cast2(e.getValue()), List.of()));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> Class<R> recordClass(Object o) {
        return (Class<R>) o.getClass();
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R cast2(Object o) {
        return (R) o;
    }

    static RecoveryRules recovery(SpecNode n) {
        RecoveryRules d = RecoveryRules.defaults();
        List<String> keys = new ArrayList<>(List.of("escalate_after", "window", "max_rollbacks"));
        for (IncidentKind k : IncidentKind.values()) {
            keys.add(k.id());
        }
        n.allowKeys(keys);
        Map<IncidentKind, Recovery> rules = new EnumMap<>(IncidentKind.class);
        rules.putAll(d.rules());
        for (IncidentKind k : IncidentKind.values()) {
            n.get(k.id()).ifPresent(v -> rules.put(k, action(v)));
        }
        int escalateAfter = n.get("escalate_after").map(v -> v.asInt(Rule.atLeast(1))).orElse(d.escalateAfter());
        int window = n.get("window").map(v -> v.asInt(Rule.atLeast(1))).orElse(d.window());
        int maxRollbacks = n.get("max_rollbacks").map(v -> v.asInt(Rule.atLeast(0))).orElse(d.maxRollbacks());
        return new RecoveryRules(rules, escalateAfter, window, maxRollbacks);
    }

    static final List<String> ACTIONS = List.of("proceed", "reduce_lr", "skip_step", "rollback", "halt");

    /** {@code skip_step}, {@code {reduce_lr: {factor: 0.5}}}, {@code {rollback: {skip_batches: 5}}}. */
    static Recovery action(SpecNode v) {
        String name;
        SpecNode params = null;
        if (v.isMap()) {
            List<String> k = v.keys();
            if (k.size() != 1) {
                throw v.error("expected one action, e.g. {rollback: {skip_batches: 5}}, got keys " + k);
            }
            name = k.get(0);
            params = v.require(name);
            if (!ACTIONS.contains(name)) {
                throw params.error("unknown action '" + name + "'", "known: " + String.join(", ", ACTIONS));
            }
        } else {
            name = v.asChoice("action", ACTIONS);
        }
        boolean hasParams = params != null && params.isMap();
        return switch (name) {
            case "proceed" -> new Recovery.Proceed();
            case "skip_step" -> new Recovery.SkipStep();
            case "halt" -> new Recovery.Halt();
            case "reduce_lr" -> hasParams ? RecordParams.read(params, Recovery.ReduceLr.class,
                    new Recovery.ReduceLr(0.5), List.of()) : new Recovery.ReduceLr(0.5);
            case "rollback" -> hasParams ? RecordParams.read(params, Recovery.Rollback.class,
                    new Recovery.Rollback(0, false, 1.0), List.of()) : new Recovery.Rollback(0, false, 1.0);
            default -> throw v.error("unknown action '" + name + "'");
        };
    }

    /** The section as a YAML-ready map, every default filled ({@link SpecWriter}). */
    static Map<String, Object> toMap(GuardSpec g) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> clip = new LinkedHashMap<>();
        clip.put("name", clipName(g.clip()));
        clip.putAll(RecordParams.params((Record) g.clip()));
        m.put("clip", clip);
        Map<String, Object> det = new LinkedHashMap<>();
        for (String name : DETECTORS.keySet()) {
            DetectorConfig on = g.detectors().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            det.put(name, on == null ? Boolean.FALSE : RecordParams.params((Record) on));
        }
        m.put("detectors", det);
        Map<String, Object> rec = new LinkedHashMap<>();
        for (IncidentKind k : IncidentKind.values()) {
            Recovery r = g.recovery().forKind(k);
            rec.put(k.id(), r instanceof Recovery.ReduceLr || r instanceof Recovery.Rollback
                    ? Map.of(r.id(), RecordParams.params((Record) r)) : r.id());
        }
        rec.put("escalate_after", g.recovery().escalateAfter());
        rec.put("window", g.recovery().window());
        rec.put("max_rollbacks", g.recovery().maxRollbacks());
        m.put("recovery", rec);
        m.put("monitor", RecordParams.params(g.monitor()));
        m.put("snapshot_every", g.snapshotEvery());
        m.put("trace_limit", g.traceLimit());
        m.put("inject", g.inject());
        return m;
    }
}
