package io.gradguard.cli.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code model:}: input, init, and the layer list ({@link LayerReader}). */
final class ModelReader {
    private ModelReader() {
    }

    static ModelSpec model(SpecNode m) {
        m.allowKeys(List.of("input", "init", "layers"));
        ExampleShape input = input(m.require("input"));
        InitSpec init = m.get("init").map(ModelReader::init).orElse(InitSpec.DEFAULT);
        return new ModelSpec(input, init, LayerReader.layers(m.require("layers")));
    }

    /** {@code input: 2} (a vector), {@code input: [T, F]} (a sequence) or {@code input: [C, H, W]} (an image). */
    private static ExampleShape input(SpecNode n) {
        if (!n.isList()) {
            return ExampleShape.of(n.asInt(Rule.greaterThan(0)));
        }
        List<SpecNode> items = n.asList();
        if (items.isEmpty() || items.size() > 3) {
            throw n.error("expected features (an integer), [T, F] for sequences or [C, H, W] for images, got a list "
                    + "of " + items.size() + (items.size() == 1 ? " item" : " items"));
        }
        List<Integer> dims = new ArrayList<>();
        for (SpecNode item : items) {
            dims.add(item.asInt(Rule.greaterThan(0)));
        }
        return new ExampleShape(dims);
    }

    static LayerSpec.Dense dense(SpecNode d) {
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
    static ActivationSpec activationParams(String name, SpecNode body) {
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
