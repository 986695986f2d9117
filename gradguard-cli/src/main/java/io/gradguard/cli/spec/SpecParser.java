package io.gradguard.cli.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML run spec into a {@link RunSpec}: composes it with SnakeYAML (keeping lines), rejects
 * duplicate keys, applies {@code --set} overrides, then checks every key, type and range, filling defaults,
 * and follows the example's shape through the layers ({@link ModelShapes}).
 * The reference of keys is on {@link RunSpec}. Every problem is a {@link SpecException}:
 * <pre>
 * spec.yaml:12: optimizer.lr: must be &gt; 0, got -0.1
 * spec.yaml:14: optimizer: unknown key 'momentun'; did you mean 'momentum'? known keys: ...
 * --set model.layers[9].dense=3: index 9 out of range (the list has 5 items)
 * </pre>
 */
public final class SpecParser {
    static final List<String> TOP_KEYS =
            List.of("name", "seed", "model", "data", "loss", "optimizer", "training", "output", "guard");

    private SpecParser() {
    }

    /** Parses a spec file; errors are prefixed with the path as given ({@code examples/spirals.yaml:12:}). */
    public static RunSpec parse(Path file) {
        return parse(file, List.of());
    }

    /**
     * Parses a spec file with {@code --set key.path=value} overrides applied in order before validation
     * ({@code optimizer.lr=0.5}, {@code model.layers[0].dense.units=32}, {@code data.name=circles}).
     */
    public static RunSpec parse(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(file.toString(), "", 0, 0, null, "cannot read the spec: " + e, null);
        }
        return parse(text, file.toString(), overrides);
    }

    /**
     * Parses spec text.
     *
     * @param sourceName the name errors cite ({@code spec.yaml}) and the default run name comes from (its
     *                   file name without extension); {@code null} for none (errors then say "(line N)" and the
     *                   default name is {@code run})
     */
    public static RunSpec parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, List.of());
    }

    /** Parses spec text with {@code --set} overrides; see {@link #parse(Path, List)}. */
    public static RunSpec parse(String yaml, String sourceName, List<String> overrides) {
        SpecNode.Context ctx = new SpecNode.Context(sourceName);
        Node root = YamlSource.compose(yaml, sourceName, null);
        if (root == null) {
            throw new SpecException(sourceName, "", 0, 0, null, "the spec is empty", "it needs at least "
                    + "model, data, loss, optimizer and training");
        }
        if (!(root instanceof MappingNode map)) {
            throw SpecNode.root(root, ctx).error("expected a map of keys at the top level, got "
                    + SpecNode.root(root, ctx).describe());
        }
        YamlSource.checkKeys(root, "", ctx);
        Overrides.apply(map, overrides, ctx);
        return read(SpecNode.root(root, ctx), sourceName, ctx);
    }

    private static RunSpec read(SpecNode r, String sourceName, SpecNode.Context ctx) {
        r.allowKeys(TOP_KEYS);
        String name = r.get("name").map(SpecParser::name).orElse(defaultName(sourceName));
        long seed = r.get("seed").map(SpecNode::asLong).orElse(0L);
        ModelSpec model = ModelReader.model(r.require("model"));
        LossSpec loss = SectionReader.loss(r.require("loss"));
        DataSpec data = SectionReader.data(r.require("data"), loss);
        OptimizerSpec optimizer = SectionReader.optimizer(r.require("optimizer"));
        TrainingSpec training = SectionReader.training(r.require("training"));
        OutputSpec output = r.get("output").map(SectionReader::output).orElse(OutputSpec.DEFAULT);
        GuardSpec guard = r.get("guard").map(GuardReader::read).orElse(null);
        RunSpec spec = new RunSpec(name, seed, model, data, loss, optimizer, training, output, guard,
                ctx.specLines());
        ModelShapes.check(model, spec.lines());
        return spec;
    }

    private static String name(SpecNode n) {
        String name = n.asString();
        if (!RunSpec.validName(name)) {
            throw n.error("must be a directory name of letters, digits, '.', '_' and '-' (not starting with "
                    + "'.', '_' or '-'), got '" + name + "'");
        }
        return name;
    }

    /** {@code examples/spirals-relu.yaml -> spirals-relu}; characters a run name cannot hold become '_'. */
    static String defaultName(String sourceName) {
        if (sourceName == null) {
            return "run";
        }
        int slash = Math.max(sourceName.lastIndexOf('/'), sourceName.lastIndexOf('\\'));
        String file = sourceName.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String clean = stem.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^[._-]+", "");
        return clean.isEmpty() ? "run" : clean;
    }
}
