package io.gradguard.cli.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the entries of {@code model.layers} with their short forms: a bare name ({@code - relu}, {@code -
 * flatten}, {@code - batchnorm}), a value ({@code - dense: 64}, {@code - dropout: 0.2}, {@code - maxpool2d:
 * 2}, {@code - lstm: 64}, {@code - residual: [...]}) or a map of params ({@code - conv2d: {out_channels: 16,
 * kernel_size: 3}}).
 */
final class LayerReader {
    private LayerReader() {
    }

    /** Layer keys other than the activations, in the order the reference lists them. */
    static final List<String> KEYS = List.of("dense", "conv2d", "maxpool2d", "avgpool2d", "global_avgpool",
            "flatten", "batchnorm", "layernorm", "dropout", "residual", "repeat", "rnn", "lstm", "gru", "last_step");

    /** Layers that a bare name stands for, with every param at its default. */
    private static final List<String> BARE = List.of("global_avgpool", "flatten", "batchnorm", "layernorm",
            "dropout", "last_step");

    /** A usage example for the layers that need settings. */
    private static final Map<String, String> EXAMPLES = Map.of(
            "dense", "dense: 64",
            "conv2d", "conv2d: {out_channels: 16, kernel_size: 3}",
            "maxpool2d", "maxpool2d: 2",
            "avgpool2d", "avgpool2d: 2",
            "residual", "residual: [{dense: 64}, relu]",
            "repeat", "repeat: {times: 2, layers: [...]}",
            "rnn", "rnn: 64",
            "lstm", "lstm: 64",
            "gru", "gru: 64");

    static List<LayerSpec> layers(SpecNode list) {
        return layers(list, list.asList());
    }

    private static List<LayerSpec> layers(SpecNode list, List<SpecNode> items) {
        List<LayerSpec> out = new ArrayList<>();
        for (SpecNode item : items) {
            out.add(layer(item));
        }
        if (out.isEmpty()) {
            throw list.error("must list at least one layer");
        }
        return out;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(KEYS);
        names.addAll(Catalog.ACTIVATIONS.names());
        return names;
    }

    private static SpecException unknown(SpecNode at, String name) {
        String near = Suggest.closest(name, names());
        return at.error("unknown layer '" + name + "'", (near == null ? "" : "did you mean '" + near + "'? ")
                + "known: " + String.join(", ", names()));
    }

    static LayerSpec layer(SpecNode item) {
        if (item.isScalar()) {
            String name = item.asString();
            if (EXAMPLES.containsKey(name)) {
                throw item.error("'" + name + "' needs its settings, as in '- " + EXAMPLES.get(name) + "'");
            }
            if (BARE.contains(name)) {
                return byKey(name, null);
            }
            if (!Catalog.ACTIVATIONS.accepts(name)) {
                throw unknown(item, name);
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
        if (KEYS.contains(type)) {
            return byKey(type, body);
        }
        if (!Catalog.ACTIVATIONS.accepts(type)) {
            throw unknown(item, type);
        }
        return new LayerSpec.Act(ModelReader.activationParams(type, body));
    }

    /** The layer {@code type} from its body ({@code null} for a bare name). */
    private static LayerSpec byKey(String type, SpecNode body) {
        if (body != null && body.isNull() && EXAMPLES.containsKey(type)) {
            throw body.error("'" + type + "' needs its settings, as in '- " + EXAMPLES.get(type) + "'");
        }
        switch (type) {
            case "dense":
                return ModelReader.dense(body);
            case "repeat":
                return repeat(body);
            case "residual":
                return residual(body);
            case "dropout":
                if (body != null && body.isScalar()) {
                    return new LayerSpec.Dropout(body.asDouble(Rule.unitHalfOpen()));
                }
                return new LayerSpec.Dropout((Double) params(type, body).get("p"));
            case "maxpool2d":
            case "avgpool2d":
                return pool(type, body);
            case "rnn":
            case "lstm":
            case "gru":
                return recurrent(type, body);
            case "conv2d":
                return conv(body);
            default:
                return simple(type, params(type, body));
        }
    }

    /** The params of {@code type} read from a map body (or all defaults for a bare name or empty body). */
    private static Map<String, Object> params(String type, SpecNode body, String... extraKeys) {
        List<Param> params = Catalog.LAYERS.params(type);
        if (body == null || body.isNull()) {
            return Catalog.LAYERS.defaults(type);
        }
        List<String> keys = new ArrayList<>(params.stream().map(Param::key).toList());
        keys.addAll(List.of(extraKeys));
        body.allowKeys(keys);
        return Param.readAll(body, params);
    }

    private static LayerSpec simple(String type, Map<String, Object> p) {
        return switch (type) {
            case "global_avgpool" -> new LayerSpec.GlobalAvgPool();
            case "flatten" -> new LayerSpec.Flatten();
            case "last_step" -> new LayerSpec.LastStep();
            case "batchnorm" -> new LayerSpec.BatchNorm((Double) p.get("eps"), (Double) p.get("momentum"),
                    (Boolean) p.get("affine"), (Boolean) p.get("track_running_stats"));
            case "layernorm" -> new LayerSpec.LayerNorm((Double) p.get("eps"), (Boolean) p.get("elementwise_affine"));
            default -> throw new IllegalStateException("no reader for layer '" + type + "'");
        };
    }

    private static LayerSpec.Repeat repeat(SpecNode r) {
        r.allowKeys(List.of("times", "layers"));
        int times = r.require("times").asInt(Rule.atLeast(1));
        return new LayerSpec.Repeat(times, layers(r.require("layers")));
    }

    /** {@code residual: [...]} or {@code residual: {layers: [...], projection: auto | true | false}}. */
    private static LayerSpec.Residual residual(SpecNode r) {
        if (r.isList()) {
            return new LayerSpec.Residual(LayerSpec.Projection.AUTO, layers(r, r.asListAt("layers")));
        }
        r.allowKeys(List.of("layers", "projection"));
        LayerSpec.Projection projection = r.get("projection").map(LayerReader::projection)
                .orElse(LayerSpec.Projection.AUTO);
        return new LayerSpec.Residual(projection, layers(r.require("layers")));
    }

    private static LayerSpec.Projection projection(SpecNode n) {
        if (n.isScalar() && n.asString().equals("auto")) {
            return LayerSpec.Projection.AUTO;
        }
        if (!n.isScalar()) {
            throw n.error("expected auto, true or false, got " + n.describe());
        }
        try {
            return n.asBool() ? LayerSpec.Projection.ALWAYS : LayerSpec.Projection.NEVER;
        } catch (SpecException e) {
            throw n.error("expected auto, true or false, got " + n.describe());
        }
    }

    /** {@code maxpool2d: 2} or {@code {kernel_size: 3, stride: 2, padding: 1}}; stride defaults to the kernel. */
    private static LayerSpec pool(String type, SpecNode body) {
        int kernel;
        int padding = 0;
        int stride;
        if (body.isScalar()) {
            kernel = body.asInt(Rule.greaterThan(0));
            stride = kernel;
        } else {
            Map<String, Object> p = params(type, body, "stride");
            kernel = (Integer) p.get("kernel_size");
            padding = (Integer) p.get("padding");
            stride = body.get("stride").map(n -> n.asInt(Rule.greaterThan(0))).orElse(kernel);
            if (2 * padding > kernel) {
                throw body.require("padding").error("must be at most half of kernel_size (PyTorch's rule), got "
                        + padding + " with kernel_size " + kernel);
            }
        }
        return type.equals("maxpool2d") ? new LayerSpec.MaxPool2d(kernel, stride, padding)
                : new LayerSpec.AvgPool2d(kernel, stride, padding);
    }

    private static LayerSpec.Conv2d conv(SpecNode body) {
        if (!body.isMap()) {
            throw body.error("expected the settings of conv2d, as in {out_channels: 16, kernel_size: 3}, got "
                    + body.describe());
        }
        Map<String, Object> p = params("conv2d", body, "activation", "init");
        ActivationSpec activation = body.get("activation").map(ModelReader::activation).orElse(null);
        InitSpec init = body.get("init").map(ModelReader::init).orElse(null);
        return new LayerSpec.Conv2d((Integer) p.get("out_channels"), (Integer) p.get("kernel_size"),
                (Integer) p.get("stride"), (Integer) p.get("padding"), (Boolean) p.get("bias"), activation, init);
    }

    /** {@code lstm: 64} or {@code lstm: {hidden_size: 64, num_layers: 2, bias: true, init: orthogonal}}. */
    private static LayerSpec recurrent(String type, SpecNode body) {
        Map<String, Object> p;
        InitSpec init = null;
        if (body.isScalar()) {
            p = new java.util.LinkedHashMap<>(Catalog.LAYERS.defaultsExcept(type, "hidden_size"));
            p.put("hidden_size", body.asInt(Rule.greaterThan(0)));
        } else {
            p = params(type, body, "init");
            init = body.get("init").map(ModelReader::init).orElse(null);
        }
        int hidden = (Integer) p.get("hidden_size");
        int layers = (Integer) p.get("num_layers");
        boolean bias = (Boolean) p.get("bias");
        return switch (type) {
            case "rnn" -> new LayerSpec.Rnn(hidden, layers, (String) p.get("nonlinearity"), bias, init);
            case "lstm" -> new LayerSpec.Lstm(hidden, layers, bias, init);
            default -> new LayerSpec.Gru(hidden, layers, bias, init);
        };
    }

    /** The key a layer is written under: {@code dense}, {@code conv2d}, an activation's name, ... */
    static String key(LayerSpec layer) {
        if (layer instanceof LayerSpec.Act a) {
            return a.activation().name();
        }
        if (layer instanceof LayerSpec.Dense) {
            return "dense";
        }
        if (layer instanceof LayerSpec.Repeat) {
            return "repeat";
        }
        if (layer instanceof LayerSpec.Residual) {
            return "residual";
        }
        if (layer instanceof LayerSpec.Conv2d) {
            return "conv2d";
        }
        if (layer instanceof LayerSpec.MaxPool2d) {
            return "maxpool2d";
        }
        if (layer instanceof LayerSpec.AvgPool2d) {
            return "avgpool2d";
        }
        if (layer instanceof LayerSpec.GlobalAvgPool) {
            return "global_avgpool";
        }
        if (layer instanceof LayerSpec.Flatten) {
            return "flatten";
        }
        if (layer instanceof LayerSpec.BatchNorm) {
            return "batchnorm";
        }
        if (layer instanceof LayerSpec.LayerNorm) {
            return "layernorm";
        }
        if (layer instanceof LayerSpec.Dropout) {
            return "dropout";
        }
        if (layer instanceof LayerSpec.Rnn) {
            return "rnn";
        }
        if (layer instanceof LayerSpec.Lstm) {
            return "lstm";
        }
        if (layer instanceof LayerSpec.Gru) {
            return "gru";
        }
        return "last_step";
    }
}
