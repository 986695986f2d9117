package io.gradguard.cli.spec;

import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** YAML text to SnakeYAML nodes with their marks (lines), and the checks SnakeYAML's composer leaves out. */
final class YamlSource {
    private YamlSource() {
    }

    /**
     * Composes one YAML document; a syntax error becomes {@code spec.yaml:3:9: YAML syntax error ...}.
     *
     * @param where the {@code --set} text when composing an override value, else {@code null}
     * @return the root node, or {@code null} for an empty document
     */
    static Node compose(String text, String source, String where) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = "YAML syntax error: " + (e.getContext() == null ? "" : e.getContext() + ", ")
                    + (e.getProblem() == null ? "" : e.getProblem());
            if (where != null) {
                return fail("--set " + where, problem.trim());
            }
            throw new SpecException(source, "", m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    null, problem.trim(), null);
        } catch (YAMLException e) {
            if (where != null) {
                return fail("--set " + where, "YAML error: " + e.getMessage());
            }
            throw new SpecException(source, "", 0, 0, null, "YAML error: " + e.getMessage(), null);
        }
    }

    private static Node fail(String path, String problem) {
        throw new SpecException(null, path, 0, 0, null, problem, null);
    }

    /**
     * Fails on a duplicate or non-scalar key anywhere under {@code node}:
     * {@code optimizer: duplicate key 'lr' (line 14); first at line 11}.
     */
    static void checkKeys(Node node, String path, SpecNode.Context ctx) {
        walk(node, path, ctx, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Node node, String path, SpecNode.Context ctx, Set<Node> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof MappingNode m) {
            Map<String, Node> keys = new HashMap<>();
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode s)) {
                    throw new SpecException(ctx.source, path, SpecNode.lineOf(k), 0, ctx.overrideOf.get(k),
                            "keys must be plain names, got a " + (k instanceof MappingNode ? "map" : "list"), null);
                }
                Node first = keys.putIfAbsent(s.getValue(), k);
                if (first != null) {
                    int firstLine = ctx.overrideOf.containsKey(first) ? 0 : SpecNode.lineOf(first);
                    throw new SpecException(ctx.source, path, SpecNode.lineOf(k), 0, ctx.overrideOf.get(k),
                            "duplicate key '" + s.getValue() + "'", firstLine > 0 ? "first at line " + firstLine
                                    : null);
                }
                walk(t.getValueNode(), SpecNode.join(path, s.getValue()), ctx, seen);
            }
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                walk(seq.getValue().get(i), path + "[" + i + "]", ctx, seen);
            }
        }
    }
}
