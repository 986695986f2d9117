package io.gradguard.cli.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code model:}: input, init, and the layer list with its short forms. */
final class ModelReader {
    private ModelReader() {
    }

    static ModelSpec model(SpecNode m) {
        m.allowKeys(List.of("input", "init", "layers"));
        int input = m.require("input").asInt(Rule.greaterThan(0));
        InitSpec init = m.get("init").map(ModelReader::init).orElse(InitSpec.DEFAULT);
        return new ModelSpec(input, init, layers(m.require("layers")));
    }

    private static List<LayerSpec> layers(SpecNode list) {
        List<LayerSpec> out = new ArrayList<>();
        for (SpecNode item : list.asList()) {
            out.add(layer(item));
        }
        if (out.isEmpty()) {
            throw list.error("must list at least one layer");
        }
        return out;
    }

    private static List<String> layerNames() {
        List<String> names = new ArrayList<>(List.of("dense", "repeat"));
        names.addAll(Catalog.ACTIVATIONS.names());
        return names;
    }

    /**
     * {@code - relu}, {@code - dense: 64}, {@code - dense: {...}}, {@code - leaky_relu: {...}}, {@code - repeat:
     * {...}}.
     */
    private static LayerSpec layer(SpecNode item) {
        if (item.isScalar()) {
            String name = item.asString();
            if (name.equals("dense") || name.equals("repeat")) {
                throw item.error("'" + name + "' needs its settings, as in '- "
                        + (name.equals("dense") ? "dense: 64" : "repeat: {times: 2, layers: [...]}") + "'");
            }
            if (!Catalog.ACTIVATIONS.accepts(name)) {
                throw item.error("unknown layer '" + name + "'", "known: " + String.join(", ", layerNames()));
            }
            return new LayerSpec.Act(ActivationSpec.of(name));
        }
        if (!item.isMap()) {
            throw item.error("expected a layer (a name, or a map with one key: its type), got " + item.describe());
        }
        List<String> keys = item.keys();
        if (keys.size() != 1) {
            throw item.error("a layer is a map with one key, its type, got " + keys.size() + " keys: "
                    + String.join(", ", keys), "write each layer as its own list item");
        }
        String type = keys.get(0);
        SpecNode body = item.require(type);
        switch (type) {
            case "dense":
                return dense(body);
            case "repeat":
                return repeat(body);
            default:
                if (!Catalog.ACTIVATIONS.accepts(type)) {
                    throw item.error("unknown layer '" + type + "'", "known: " + String.join(", ", layerNames()));
                }
                return new LayerSpec.Act(activationParams(type, body));
        }
    }

    private static LayerSpec.Dense dense(SpecNode d) {
        if (d.isScalar()) {
            return new LayerSpec.Dense(d.asInt(Rule.greaterThan(0)));
        }
        d.allowKeys(List.of("units", "bias", "activation", "init"));
        int units = d.require("units").asInt(Rule.greaterThan(0));
        boolean bias = d.get("bias").map(SpecNode::asBool).orElse(true);
        ActivationSpec activation = d.get("activation").map(ModelReader::activation).orElse(null);
        InitSpec init = d.get("init").map(ModelReader::init).orElse(null);
        return new LayerSpec.Dense(units, bias, activation, init);
    }

    private static LayerSpec.Repeat repeat(SpecNode r) {
        r.allowKeys(List.of("times", "layers"));
        int times = r.require("times").asInt(Rule.atLeast(1));
        return new LayerSpec.Repeat(times, layers(r.require("layers")));
    }

    /** {@code activation: relu} or {@code activation: {name: leaky_relu, negative_slope: 0.1}}. */
    static ActivationSpec activation(SpecNode n) {
        if (!n.isMap()) {
            return ActivationSpec.of(Catalog.ACTIVATIONS.resolve(n));
        }
        String name = Catalog.ACTIVATIONS.resolve(n.require("name"));
        n.allowKeys(Catalog.ACTIVATIONS.keysWithName(name));
        return toActivation(name, Param.readAll(n, Catalog.ACTIVATIONS.params(name)));
    }

    /** The params of a list-item activation, {@code leaky_relu: {negative_slope: 0.1}} (or nothing). */
    private static ActivationSpec activationParams(String name, SpecNode body) {
        if (body.isNull()) {
            return ActivationSpec.of(name);
        }
        List<Param> params = Catalog.ACTIVATIONS.params(name);
        body.allowKeys(params.stream().map(Param::key).toList());
        return toActivation(name, Param.readAll(body, params));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ActivationSpec toActivation(String name, Map<String, Object> params) {
        return new ActivationSpec(name, (Map) params);
    }

    /** {@code init: he_normal} or {@code init: {name: normal, std: 0.1}}. */
    static InitSpec init(SpecNode n) {
        if (!n.isMap()) {
            String name = Catalog.INITIALIZERS.resolve(n);
            if (Catalog.INITIALIZERS.params(name).stream().anyMatch(Param::required)) {
                throw n.error("initializer '" + name + "' needs its params, as in {name: " + name + ", "
                        + Catalog.INITIALIZERS.params(name).get(0).key() + ": ...}");
            }
            return InitSpec.of(name);
        }
        String name = Catalog.INITIALIZERS.resolve(n.require("name"));
        n.allowKeys(Catalog.INITIALIZERS.keysWithName(name));
        Map<String, Object> params = Param.readAll(n, Catalog.INITIALIZERS.params(name));
        SectionReader.crossCheck(n, Catalog.INITIALIZERS, name, params);
        return new InitSpec(name, params);
    }
}
