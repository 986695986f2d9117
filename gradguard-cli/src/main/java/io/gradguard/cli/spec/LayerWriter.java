package io.gradguard.cli.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Writes {@code model.layers} for {@link SpecWriter}: every param filled, in the reader's key names; layers
 * without params ({@code flatten}, {@code relu}) as bare names, the rest as {@code {type: {params}}}. Layer
 * lists (also those of {@code repeat} and {@code residual}) are block style, layer params flow style.
 */
final class LayerWriter {
    private LayerWriter() {
    }

    static List<Object> layers(List<LayerSpec> layers) {
        List<Object> out = new ArrayList<>();
        for (LayerSpec layer : layers) {
            out.add(layer(layer));
        }
        return out;
    }

    private static Object layer(LayerSpec layer) {
        String key = LayerReader.key(layer);
        if (layer instanceof LayerSpec.Dense d) {
            return map(key, withActivationAndInit(map("units", d.units(), "bias", d.bias()), d.activation(),
                    d.init()));
        }
        if (layer instanceof LayerSpec.Act a) {
            ActivationSpec act = a.activation();
            return act.params().isEmpty() ? act.name() : map(act.name(), new LinkedHashMap<>(act.params()));
        }
        if (layer instanceof LayerSpec.Repeat r) {
            return map(key, map("times", r.times(), "layers", layers(r.layers())));
        }
        if (layer instanceof LayerSpec.Residual r) {
            Object projection = switch (r.projection()) {
                case AUTO -> "auto";
                case ALWAYS -> true;
                case NEVER -> false;
            };
            return map(key, map("projection", projection, "layers", layers(r.layers())));
        }
        if (layer instanceof LayerSpec.Conv2d c) {
            return map(key, withActivationAndInit(map("out_channels", c.outChannels(), "kernel_size",
                    c.kernelSize(), "stride", c.stride(), "padding", c.padding(), "bias", c.bias()), c.activation(),
                    c.init()));
        }
        if (layer instanceof LayerSpec.MaxPool2d p) {
            return map(key, map("kernel_size", p.kernelSize(), "stride", p.stride(), "padding", p.padding()));
        }
        if (layer instanceof LayerSpec.AvgPool2d p) {
            return map(key, map("kernel_size", p.kernelSize(), "stride", p.stride(), "padding", p.padding()));
        }
        if (layer instanceof LayerSpec.BatchNorm b) {
            return map(key, map("eps", b.eps(), "momentum", b.momentum(), "affine", b.affine(),
                    "track_running_stats", b.trackRunningStats()));
        }
        if (layer instanceof LayerSpec.LayerNorm n) {
            return map(key, map("eps", n.eps(), "elementwise_affine", n.elementwiseAffine()));
        }
        if (layer instanceof LayerSpec.Dropout d) {
            return map(key, map("p", d.p()));
        }
        if (layer instanceof LayerSpec.Recurrent r) {
            Map<String, Object> body = map("hidden_size", r.hiddenSize(), "num_layers", r.numLayers());
            if (r instanceof LayerSpec.Rnn rnn) {
                body.put("nonlinearity", rnn.nonlinearity());
            }
            body.put("bias", r.bias());
            return map(key, withActivationAndInit(body, null, r.init()));
        }
        return key; // global_avgpool, flatten, last_step: no params
    }

    private static Map<String, Object> withActivationAndInit(Map<String, Object> body, ActivationSpec activation,
                                                            InitSpec init) {
        if (activation != null) {
            body.put("activation", SpecWriter.named(activation.name(), activation.params()));
        }
        if (init != null) {
            body.put("init", SpecWriter.named(init.name(), init.params()));
        }
        return body;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Layer lists block style (also inside repeat and residual), each layer's params flow style. */
    static void style(Node layers) {
        for (Node item : ((SequenceNode) layers).getValue()) {
            if (item instanceof MappingNode m) {
                NodeTuple only = m.getValue().get(0);
                String key = ((ScalarNode) only.getKeyNode()).getValue();
                if (key.equals("repeat") || key.equals("residual")) {
                    for (NodeTuple t : ((MappingNode) only.getValueNode()).getValue()) {
                        if (((ScalarNode) t.getKeyNode()).getValue().equals("layers")) {
                            style(t.getValueNode());
                        }
                    }
                } else if (only.getValueNode() instanceof CollectionNode<?> c) {
                    c.setFlowStyle(DumperOptions.FlowStyle.FLOW);
                }
            }
        }
    }
}
