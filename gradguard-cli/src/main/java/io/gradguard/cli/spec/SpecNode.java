package io.gradguard.cli.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A typed cursor over a composed YAML node: it knows its key path ({@code model.layers[2].dense.units}) and
 * its 1-based line, and every getter fails with a {@link SpecException} that names both.
 *
 * <p>Scalars are read from their text, not from SnakeYAML's YAML 1.1 tags, so {@code 1e-4} is a number
 * (YAML 1.1 would make it a string) while quoted {@code "0.1"} stays a string.
 */
final class SpecNode {
    private static final Pattern INT = Pattern.compile("[-+]?[0-9][0-9_]*");
    private static final Pattern REAL =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");
    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");
    private static final Set<String> FALSE =
            Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF");

    /** Shared by all cursors of one parse: the source name, override origins, and the lines read. */
    static final class Context {
        final String source;
        final Map<Node, String> overrideOf = new IdentityHashMap<>();
        final Map<String, Integer> lines = new LinkedHashMap<>();
        final Map<String, String> overrides = new LinkedHashMap<>();

        Context(String source) {
            this.source = source;
        }

        SpecLines specLines() {
            return new SpecLines(source, lines, overrides);
        }
    }

    private final Node node;
    private final String path;
    private final int line;
    private final String override;
    private final Context ctx;

    private SpecNode(Node node, String path, int line, String override, Context ctx) {
        this.node = node;
        this.path = path;
        this.line = override == null ? line : 0;
        this.override = override;
        this.ctx = ctx;
        if (override != null) {
            ctx.overrides.put(path, override);
        } else if (line > 0) {
            ctx.lines.put(path, line);
        }
    }

    static SpecNode root(Node node, Context ctx) {
        return new SpecNode(node, "", Math.max(1, lineOf(node)), ctx.overrideOf.get(node), ctx);
    }

    static int lineOf(Node n) {
        Mark m = n == null ? null : n.getStartMark();
        return m == null ? 0 : m.getLine() + 1;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    SpecException error(String problem) {
        return error(problem, null);
    }

    SpecException error(String problem, String hint) {
        return new SpecException(ctx.source, path, line, 0, override, problem, hint);
    }

    // ---- shape ----

    boolean isScalar() {
        return node instanceof ScalarNode && !isNull();
    }

    boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && s.isPlain();
    }

    boolean isMap() {
        return node instanceof MappingNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    /** How the node reads in an error: {@code 'abc'}, {@code a map}, {@code a list}, {@code nothing}. */
    String describe() {
        if (isNull()) {
            return "nothing";
        }
        if (node instanceof ScalarNode s) {
            return "'" + s.getValue() + "'";
        }
        return isMap() ? "a map" : "a list";
    }

    // ---- scalars ----

    private String plainText(String expected) {
        if (!(node instanceof ScalarNode s) || isNull()) {
            throw error("expected " + expected + ", got " + describe());
        }
        if (!s.isPlain()) {
            throw error("expected " + expected + ", got '" + s.getValue() + "' (quoted, so a string)");
        }
        return s.getValue().trim();
    }

    private void check(double v, String text, Rule rule) {
        String violation = rule.violation(v);
        if (violation != null) {
            throw error(violation + ", got " + text);
        }
    }

    int asInt(Rule rule) {
        long v = asLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error("expected an integer within +-2^31, got " + v);
        }
        check(v, Long.toString(v), rule);
        return (int) v;
    }

    long asLong() {
        String text = plainText("an integer");
        if (!INT.matcher(text).matches()) {
            throw error("expected an integer, got '" + text + "'");
        }
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected an integer within +-2^63, got '" + text + "'");
        }
    }

    double asDouble(Rule rule) {
        String text = plainText("a number");
        if (!REAL.matcher(text).matches()) {
            throw error("expected a number, got '" + text + "'");
        }
        double v = Double.parseDouble(text.replace("_", ""));
        if (!Double.isFinite(v)) {
            throw error("expected a finite number, got '" + text + "'");
        }
        check(v, text, rule);
        return v;
    }

    boolean asBool() {
        String text = plainText("true or false");
        if (TRUE.contains(text)) {
            return true;
        }
        if (FALSE.contains(text)) {
            return false;
        }
        throw error("expected true or false, got '" + text + "'");
    }

    String asString() {
        if (!(node instanceof ScalarNode s) || isNull()) {
            throw error("expected a string, got " + describe());
        }
        return s.getValue();
    }

    /** A string that must be one of {@code choices}: {@code unknown mode 'fan' (line 4); known: fan_in, fan_out}. */
    String asChoice(String what, List<String> choices) {
        String text = asString();
        if (!choices.contains(text)) {
            throw error("unknown " + what + " '" + text + "'", "known: " + String.join(", ", choices));
        }
        return text;
    }

    // ---- collections ----

    List<SpecNode> asList() {
        if (!(node instanceof SequenceNode seq)) {
            throw error("expected a list, got " + describe());
        }
        List<SpecNode> items = new ArrayList<>();
        List<Node> values = seq.getValue();
        for (int i = 0; i < values.size(); i++) {
            Node item = values.get(i);
            items.add(new SpecNode(item, path + "[" + i + "]", lineOf(item), originOf(item, null), ctx));
        }
        return items;
    }

    /**
     * The items of this list as if written under {@code key} of a map ({@code residual[0]} read as {@code
     * residual.layers[0]}), so a short form and its long form report the same key paths.
     */
    List<SpecNode> asListAt(String key) {
        if (!(node instanceof SequenceNode seq)) {
            throw error("expected a list, got " + describe());
        }
        String at = join(path, key);
        List<SpecNode> items = new ArrayList<>();
        for (Node item : seq.getValue()) {
            items.add(new SpecNode(item, at + "[" + items.size() + "]", lineOf(item), originOf(item, null), ctx));
        }
        return items;
    }

    /** A list of exactly {@code n} numbers, each checked by {@code rule} ({@code betas: [0.9, 0.999]}). */
    List<Double> asDoubles(int n, Rule rule) {
        if (!isList() || ((SequenceNode) node).getValue().size() != n) {
            throw error("expected a list of " + n + " numbers, got " + describeLength());
        }
        List<Double> out = new ArrayList<>();
        for (SpecNode item : asList()) {
            out.add(item.asDouble(rule));
        }
        return List.copyOf(out);
    }

    private String describeLength() {
        if (node instanceof SequenceNode seq) {
            int size = seq.getValue().size();
            return "a list of " + size + (size == 1 ? " item" : " items");
        }
        return describe();
    }

    private MappingNode mapping() {
        if (!(node instanceof MappingNode m)) {
            throw error("expected a map, got " + describe());
        }
        return m;
    }

    /** The keys of this map, in file order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (NodeTuple t : mapping().getValue()) {
            keys.add(keyText(t));
        }
        return keys;
    }

    /** The value under {@code key}, if present. */
    Optional<SpecNode> get(String key) {
        for (NodeTuple t : mapping().getValue()) {
            if (keyText(t).equals(key)) {
                Node value = t.getValueNode();
                String origin = originOf(value, t.getKeyNode());
                int keyLine = lineOf(t.getKeyNode());
                return Optional.of(new SpecNode(value, join(path, key), keyLine > 0 ? keyLine : lineOf(value),
                        origin, ctx));
            }
        }
        return Optional.empty();
    }

    /** The value under {@code key}: {@code training: missing required key 'epochs' (line 20)}. */
    SpecNode require(String key) {
        return get(key).orElseThrow(() -> error("missing required key '" + key + "'"));
    }

    /**
     * Fails on the first key not in {@code known}:
     * {@code optimizer: unknown key 'momentun' (line 14); did you mean 'momentum'? known keys: ...}.
     */
    void allowKeys(Collection<String> known) {
        for (NodeTuple t : mapping().getValue()) {
            String key = keyText(t);
            if (!known.contains(key)) {
                String near = Suggest.closest(key, known);
                String hint = (near == null ? "" : "did you mean '" + near + "'? ") + "known keys: "
                        + (known.isEmpty() ? "none" : String.join(", ", known));
                Node k = t.getKeyNode();
                throw new SpecException(ctx.source, path, lineOf(k), 0, originOf(k, null),
                        "unknown key '" + key + "'", hint);
            }
        }
    }

    private static String keyText(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
    }

    private String originOf(Node value, Node key) {
        String o = ctx.overrideOf.get(value);
        return o != null || key == null ? o : ctx.overrideOf.get(key);
    }
}
