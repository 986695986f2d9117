package io.gradguard.cli.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Applies {@code --set key.path=value} overrides to the composed node tree before validation. The value is a
 * YAML scalar or flow collection; missing map keys are created; every node an override adds is remembered so
 * errors about it cite the override instead of a line.
 *
 * <p>Short forms are expanded when a path descends into them: {@code dense: 64} becomes {@code dense:
 * {units: 64}} for {@code model.layers[0].dense.bias=false}, a bare {@code init}, {@code activation}, {@code
 * schedule} or {@code loss} name becomes {@code {name: ...}}, and a bare {@code - leaky_relu} list item
 * becomes {@code - leaky_relu: {}} for {@code model.layers[1].leaky_relu.negative_slope=0.2}; likewise
 * {@code dropout: 0.2} ({@code p}), {@code maxpool2d: 2} ({@code kernel_size}), {@code lstm: 64} ({@code
 * hidden_size}), and {@code residual: [...]} becomes {@code residual: {layers: [...]}}.
 */
final class Overrides {
    private static final Pattern STEP = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)?((?:\\[[0-9]+\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)\\]");
    private static final Map<String, String> SHORT_FORM_KEY = Map.ofEntries(Map.entry("dense", "units"),
            Map.entry("init", "name"), Map.entry("activation", "name"), Map.entry("schedule", "name"),
            Map.entry("loss", "name"), Map.entry("dropout", "p"), Map.entry("maxpool2d", "kernel_size"),
            Map.entry("avgpool2d", "kernel_size"), Map.entry("rnn", "hidden_size"), Map.entry("lstm", "hidden_size"),
            Map.entry("gru", "hidden_size"));

    private Overrides() {
    }

    static void apply(MappingNode root, List<String> overrides, SpecNode.Context ctx) {
        for (String text : overrides) {
            applyOne(root, text, ctx);
        }
    }

    private static SpecException error(String text, String problem) {
        return new SpecException(null, "--set " + text, 0, 0, null, problem, null);
    }

    /** {@code model.layers[0].dense} as steps {@code "model", "layers", 0, "dense"}. */
    static List<Object> steps(String text, String keyPath) {
        List<Object> steps = new ArrayList<>();
        for (String part : keyPath.split("\\.", -1)) {
            Matcher m = STEP.matcher(part);
            if (part.isEmpty() || !m.matches() || (m.group(1) == null && steps.isEmpty())) {
                throw error(text, "bad key path '" + keyPath + "': expected names joined by '.', each optionally "
                        + "followed by [index], as in model.layers[0].dense.units");
            }
            if (m.group(1) != null) {
                steps.add(m.group(1));
            }
            Matcher idx = INDEX.matcher(m.group(2));
            while (idx.find()) {
                try {
                    steps.add(Integer.parseInt(idx.group(1)));
                } catch (NumberFormatException e) {
                    throw error(text, "index " + idx.group(1) + " is too large");
                }
            }
        }
        return steps;
    }

    private static void applyOne(MappingNode root, String text, SpecNode.Context ctx) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw error(text, "expected key.path=value, as in optimizer.lr=0.01");
        }
        String keyPath = text.substring(0, eq).trim();
        List<Object> steps = steps(text, keyPath);
        Node value = YamlSource.compose(text.substring(eq + 1), null, text);
        if (value == null) {
            value = new ScalarNode(Tag.NULL, "", null, null, DumperOptions.ScalarStyle.PLAIN);
        }
        markAll(value, text, ctx);
        YamlSource.checkKeys(value, keyPath, ctx);

        Node cur = root;
        Consumer<Node> replaceCur = n -> {
            throw new IllegalStateException("the root is never replaced");
        };
        String curKey = null;
        String path = "";
        for (int i = 0; i < steps.size(); i++) {
            boolean last = i == steps.size() - 1;
            Object step = steps.get(i);
            if (step instanceof String key) {
                if (cur instanceof ScalarNode s) {
                    cur = expand(s, curKey, key, path, text);
                    replaceCur.accept(cur);
                } else if (cur instanceof SequenceNode seq && "residual".equals(curKey)) {
                    cur = new MappingNode(Tag.MAP, true, new ArrayList<>(List.of(new NodeTuple(syntheticKey("layers",
                            seq), seq))), seq.getStartMark(), seq.getEndMark(), DumperOptions.FlowStyle.BLOCK);
                    replaceCur.accept(cur);
                }
                if (!(cur instanceof MappingNode map)) {
                    throw error(text, path + " is a list" + lineNote(cur) + ", so it has no key '" + key
                            + "'; select an item with an index, as in " + path + "[0]");
                }
                List<NodeTuple> tuples = map.getValue();
                int at = indexOfKey(tuples, key);
                Node next;
                if (at < 0) {
                    ScalarNode keyNode = new ScalarNode(Tag.STR, key, null, null, DumperOptions.ScalarStyle.PLAIN);
                    ctx.overrideOf.put(keyNode, text);
                    next = last ? value : emptyMap(text, ctx);
                    tuples.add(new NodeTuple(keyNode, next));
                    at = tuples.size() - 1;
                } else if (last) {
                    next = value;
                    tuples.set(at, new NodeTuple(tuples.get(at).getKeyNode(), value));
                } else {
                    next = tuples.get(at).getValueNode();
                }
                int slot = at;
                replaceCur = n -> tuples.set(slot, new NodeTuple(tuples.get(slot).getKeyNode(), n));
                cur = next;
                curKey = key;
                path = SpecNode.join(path, key);
            } else {
                int index = (Integer) step;
                if (!(cur instanceof SequenceNode seq)) {
                    throw error(text, path + " is " + (cur instanceof MappingNode ? "a map" : "the scalar "
                            + describe(cur)) + lineNote(cur) + ", not a list; it has no index " + index);
                }
                List<Node> items = seq.getValue();
                if (index >= items.size()) {
                    throw error(text, "index " + index + " out of range (the list has " + items.size()
                            + (items.size() == 1 ? " item)" : " items)"));
                }
                if (last) {
                    items.set(index, value);
                }
                replaceCur = n -> items.set(index, n);
                cur = items.get(index);
                curKey = null;
                path = path + "[" + index + "]";
            }
        }
    }

    /** A scalar a key path descends into, as the map its short form stands for. */
    private static MappingNode expand(ScalarNode s, String parentKey, String key, String path, String text) {
        boolean isNull = s.getTag().equals(Tag.NULL) && s.isPlain();
        if (isNull) {
            return new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        }
        if (parentKey != null && SHORT_FORM_KEY.containsKey(parentKey)) {
            List<NodeTuple> tuples = new ArrayList<>();
            tuples.add(new NodeTuple(syntheticKey(SHORT_FORM_KEY.get(parentKey), s), s));
            return new MappingNode(Tag.MAP, true, tuples, s.getStartMark(), s.getEndMark(),
                    DumperOptions.FlowStyle.BLOCK);
        }
        if (parentKey == null && s.getValue().equals(key)) {
            List<NodeTuple> tuples = new ArrayList<>();
            MappingNode params = new MappingNode(Tag.MAP, true, new ArrayList<>(), s.getStartMark(),
                    s.getEndMark(), DumperOptions.FlowStyle.FLOW);
            tuples.add(new NodeTuple(syntheticKey(key, s), params));
            return new MappingNode(Tag.MAP, true, tuples, s.getStartMark(), s.getEndMark(),
                    DumperOptions.FlowStyle.BLOCK);
        }
        throw error(text, path + " is the scalar " + describe(s) + lineNote(s) + ", so it has no key '" + key + "'");
    }

    private static ScalarNode syntheticKey(String key, Node at) {
        return new ScalarNode(Tag.STR, key, at.getStartMark(), at.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
    }

    private static MappingNode emptyMap(String text, SpecNode.Context ctx) {
        MappingNode m = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        ctx.overrideOf.put(m, text);
        return m;
    }

    private static int indexOfKey(List<NodeTuple> tuples, String key) {
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static void markAll(Node n, String text, SpecNode.Context ctx) {
        if (ctx.overrideOf.put(n, text) != null) {
            return;
        }
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                markAll(t.getKeyNode(), text, ctx);
                markAll(t.getValueNode(), text, ctx);
            }
        } else if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                markAll(item, text, ctx);
            }
        }
    }

    private static String describe(Node n) {
        return n instanceof ScalarNode s ? "'" + s.getValue() + "'" : "";
    }

    private static String lineNote(Node n) {
        int line = SpecNode.lineOf(n);
        return line > 0 ? " (line " + line + ")" : "";
    }
}
