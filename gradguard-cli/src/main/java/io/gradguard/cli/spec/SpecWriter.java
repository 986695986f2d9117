package io.gradguard.cli.spec;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Writes a {@link RunSpec} as YAML with every default filled, in the spec's own key names, so that {@code
 * SpecParser.parse(SpecWriter.toYaml(spec), ...)} equals {@code spec}. This is the {@code spec.yaml} of each
 * run directory: the run as it was resolved, re-runnable as is.
 *
 * <p>Sections and layer lists are written in block style, small maps and lists in flow style ({@code
 * schedule: {name: cosine, t_max: 100, ...}}); activations and initializers without params as bare names.
 */
public final class SpecWriter {
    private SpecWriter() {
    }

    public static String toYaml(RunSpec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", spec.name());
        root.put("seed", spec.seed());
        root.put("model", model(spec.model()));
        root.put("data", data(spec.data()));
        root.put("loss", spec.loss().name());
        root.put("optimizer", optimizer(spec.optimizer()));
        TrainingSpec t = spec.training();
        Map<String, Object> training = map("epochs", t.epochs(), "batch_size", t.batchSize(), "validation_split",
                t.validationSplit(), "shuffle", t.shuffle(), "log_every", t.logEvery(), "checkpoint_every",
                t.checkpointEvery());
        if (t.terminateOnNan()) {
            training.put("terminate_on_nan", true); // written only when set: older specs keep their text and hash
        }
        root.put("training", training);
        root.put("output", map("dir", spec.output().dir()));
        if (spec.guard() != null) {
            root.put("guard", GuardReader.toMap(spec.guard()));
        }

        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(4096);
        Yaml yaml = new Yaml(options);
        Node node = yaml.represent(root);
        styleSections((MappingNode) node);
        StringWriter out = new StringWriter();
        out.write("# The resolved run spec: every default filled in.\n");
        yaml.serialize(node, out);
        return out.toString();
    }

    private static Map<String, Object> model(ModelSpec m) {
        ExampleShape in = m.inputShape();
        Object input = in.kind() == ExampleShape.Kind.VECTOR ? (Object) in.dim(0) : new ArrayList<>(in.dims());
        return map("input", input, "init", named(m.init().name(), m.init().params()), "layers",
                LayerWriter.layers(m.layers()));
    }

    private static Map<String, Object> data(DataSpec d) {
        if (d instanceof DataSpec.Idx x) {
            return map("name", "idx", "images", x.images(), "labels", x.labels());
        }
        if (d instanceof DataSpec.Csv c) {
            return map("name", "csv", "path", c.path(), "target", c.target(), "header", c.header(), "delimiter",
                    c.delimiter(), "standardize", c.standardize(), "task", c.task());
        }
        DataSpec.Synthetic s = (DataSpec.Synthetic) d;
        Map<String, Object> out = map("name", s.generator());
        out.putAll(s.params());
        return out;
    }

    private static Map<String, Object> optimizer(OptimizerSpec o) {
        Map<String, Object> out = map("name", o.name(), "lr", o.lr());
        out.putAll(o.params());
        ScheduleSpec s = o.schedule();
        Map<String, Object> schedule = map("name", s.name());
        schedule.putAll(s.params());
        schedule.put("interval", s.interval());
        schedule.put("warmup", s.warmup());
        schedule.put("warmup_start_factor", s.warmupStartFactor());
        out.put("schedule", schedule);
        out.put("regularization", map("l1", o.regularization().l1(), "l2", o.regularization().l2()));
        return out;
    }

    /** A bare name when there are no params, else {@code {name: ..., params}}. */
    static Object named(String name, Map<String, ?> params) {
        if (params.isEmpty()) {
            return name;
        }
        Map<String, Object> out = map("name", name);
        out.putAll(params);
        return out;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Top-level sections and layer lists in block style (see {@link LayerWriter#style}); the rest in flow. */
    private static void styleSections(MappingNode root) {
        for (NodeTuple section : root.getValue()) {
            if (section.getValueNode() instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (key(t).equals("layers")) {
                        LayerWriter.style(t.getValueNode());
                    } else {
                        flow(t.getValueNode());
                    }
                }
            }
        }
    }

    private static void flow(Node n) {
        if (n instanceof CollectionNode<?> c) {
            c.setFlowStyle(DumperOptions.FlowStyle.FLOW);
        }
    }

    private static String key(NodeTuple t) {
        return ((ScalarNode) t.getKeyNode()).getValue();
    }
}
