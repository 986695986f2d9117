package io.gradguard.cli.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code data:}, {@code loss:}, {@code optimizer:}, {@code training:} and {@code output:}. */
final class SectionReader {
    private SectionReader() {
    }

    /** Blames the key a cross-param rule names ({@code b} of a uniform init), or the map if it was defaulted. */
    static void crossCheck(SpecNode map, Family family, String name, Map<String, Object> params) {
        Catalog.Violation v = Catalog.crossCheck(family, name, params);
        if (v != null) {
            SpecNode at = map.get(v.key()).orElse(map);
            throw at.error(at == map ? v.key() + " " + v.problem() : v.problem());
        }
    }

    /** {@code loss: mse} or {@code loss: {name: mse}}. */
    static LossSpec loss(SpecNode n) {
        SpecNode nameNode = n;
        if (n.isMap()) {
            n.allowKeys(List.of("name"));
            nameNode = n.require("name");
        }
        String name = nameNode.asString();
        if (!Catalog.LOSSES.contains(name)) {
            throw nameNode.error("unknown loss '" + name + "'", "known: " + String.join(", ", Catalog.LOSSES));
        }
        return new LossSpec(name);
    }

    static DataSpec data(SpecNode d, LossSpec loss) {
        SpecNode nameNode = d.require("name");
        String name = nameNode.asString();
        if (name.equals("csv")) {
            d.allowKeys(List.of("name", "path", "target", "header", "delimiter", "standardize", "task"));
            String path = nonEmpty(d.require("path"));
            String target = nonEmpty(d.require("target"));
            boolean header = d.get("header").map(SpecNode::asBool).orElse(true);
            String delimiter = d.get("delimiter").map(SectionReader::delimiter).orElse(",");
            boolean standardize = d.get("standardize").map(SpecNode::asBool).orElse(false);
            String task = d.get("task").map(n -> n.asChoice("task", DataSpec.TASKS))
                    .orElse(loss.classification() ? "classification" : "regression");
            return new DataSpec.Csv(path, target, header, delimiter, standardize, task);
        }
        if (name.equals("idx")) {
            d.allowKeys(List.of("name", "images", "labels"));
            return new DataSpec.Idx(nonEmpty(d.require("images")), nonEmpty(d.require("labels")));
        }
        if (!Catalog.GENERATORS.accepts(name)) {
            List<String> known = new ArrayList<>(Catalog.GENERATORS.names());
            known.addAll(List.of("csv", "idx"));
            throw nameNode.error("unknown generator '" + name + "'", "known: " + String.join(", ", known));
        }
        d.allowKeys(Catalog.GENERATORS.keysWithName(name));
        Map<String, Object> params = Param.readAll(d, Catalog.GENERATORS.params(name));
        crossCheck(d, Catalog.GENERATORS, name, params);
        return new DataSpec.Synthetic(name, params);
    }

    private static String nonEmpty(SpecNode n) {
        String s = n.asString();
        if (s.isBlank()) {
            throw n.error("must not be empty");
        }
        return s;
    }

    private static String delimiter(SpecNode n) {
        String s = n.asString();
        if (s.length() != 1) {
            throw n.error("must be one character, got '" + s + "'", "quote it, as in delimiter: \";\"");
        }
        return s;
    }

    static OptimizerSpec optimizer(SpecNode o) {
        String name = Catalog.OPTIMIZERS.resolve(o.require("name"));
        List<String> keys = new ArrayList<>(List.of("name", "lr"));
        Catalog.OPTIMIZERS.params(name).forEach(p -> keys.add(p.key()));
        keys.addAll(List.of("schedule", "regularization"));
        o.allowKeys(keys);
        Double defaultLr = Catalog.defaultLr(name);
        Optional<SpecNode> lrNode = o.get("lr");
        if (lrNode.isEmpty() && defaultLr == null) {
            throw o.error("missing required key 'lr'", name + " has no default learning rate");
        }
        double lr = lrNode.isPresent() ? lrNode.get().asDouble(Rule.greaterThan(0)) : defaultLr;
        Map<String, Object> params = Param.readAll(o, Catalog.OPTIMIZERS.params(name));
        crossCheck(o, Catalog.OPTIMIZERS, name, params);
        ScheduleSpec schedule = o.get("schedule").map(SectionReader::schedule).orElse(ScheduleSpec.CONSTANT);
        RegularizationSpec reg = o.get("regularization").map(SectionReader::regularization)
                .orElse(RegularizationSpec.NONE);
        return new OptimizerSpec(name, lr, params, schedule, reg);
    }

    /** {@code schedule: cosine} (no required params) or {@code schedule: {name: cosine, t_max: 100, ...}}. */
    private static ScheduleSpec schedule(SpecNode s) {
        if (!s.isMap()) {
            String name = Catalog.SCHEDULES.resolve(s);
            if (Catalog.SCHEDULES.params(name).stream().anyMatch(Param::required)) {
                throw s.error("schedule '" + name + "' needs its params, as in {name: " + name + ", "
                        + Catalog.SCHEDULES.params(name).get(0).key() + ": ...}");
            }
            return new ScheduleSpec(name, Catalog.SCHEDULES.defaults(name), "epoch", 0, 1.0 / 3);
        }
        String name = Catalog.SCHEDULES.resolve(s.require("name"));
        List<String> keys = new ArrayList<>(Catalog.SCHEDULES.keysWithName(name));
        Catalog.SCHEDULE_COMMON.forEach(p -> keys.add(p.key()));
        s.allowKeys(keys);
        Map<String, Object> params = Param.readAll(s, Catalog.SCHEDULES.params(name));
        Map<String, Object> common = Param.readAll(s, Catalog.SCHEDULE_COMMON);
        return new ScheduleSpec(name, params, (String) common.get("interval"), (Integer) common.get("warmup"),
                (Double) common.get("warmup_start_factor"));
    }

    private static RegularizationSpec regularization(SpecNode r) {
        r.allowKeys(List.of("l1", "l2"));
        double l1 = r.get("l1").map(n -> n.asDouble(Rule.atLeast(0))).orElse(0.0);
        double l2 = r.get("l2").map(n -> n.asDouble(Rule.atLeast(0))).orElse(0.0);
        return new RegularizationSpec(l1, l2);
    }

    static TrainingSpec training(SpecNode t) {
        t.allowKeys(Catalog.TRAINING.stream().map(Param::key).toList());
        Map<String, Object> p = Param.readAll(t, Catalog.TRAINING);
        return new TrainingSpec((Integer) p.get("epochs"), (Integer) p.get("batch_size"),
                (Double) p.get("validation_split"), (Boolean) p.get("shuffle"), (Integer) p.get("log_every"),
                (Integer) p.get("checkpoint_every"), (Boolean) p.get("terminate_on_nan"));
    }

    static OutputSpec output(SpecNode o) {
        o.allowKeys(List.of("dir"));
        return o.get("dir").map(n -> new OutputSpec(nonEmpty(n))).orElse(OutputSpec.DEFAULT);
    }
}
