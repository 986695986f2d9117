package io.gradguard.djl;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import ai.djl.util.Pair;
import io.gradguard.guard.diagnose.LayerFacts;
import io.gradguard.guard.diagnose.ModelFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The diagnoser's {@link ModelFacts} from a DJL block tree, with layers named as {@link DjlParameters} names
 * parameters' layers. Leaf blocks become layers in forward order: {@code Linear} (dense; fan-in
 * {@code in_features}), {@code Conv2d} (fan-in {@code in_channels * kh * kw}), {@code LSTM}/{@code GRU}/
 * {@code RNN} (fan-in {@code input_size}, tanh), batch and layer norm, dropout, and DJL's activation blocks
 * ({@code Activation.reluBlock()} and the like, recognised by their names). DJL's initialisers are not
 * recorded with the model, so each weight layer's init is {@code measured}: its {@code initStd} is the
 * standard deviation of its weight when training starts, which is what the chain-rule gain
 * {@code std * sqrt(fan_in) * activation factor} needs. The slopes of {@code leakyReluBlock(alpha)} and
 * {@code eluBlock(alpha)} are not readable from the block, so PyTorch's defaults (0.01, 1) are assumed.
 */
final class DjlModelFacts {
    private static final Map<String, String> ACTIVATIONS = Map.of("relu", "relu", "sigmoid", "sigmoid",
            "tanh", "tanh", "softplus", "softplus", "leakyrelu", "leaky_relu", "elu", "elu", "selu", "selu",
            "gelu", "gelu");

    private DjlModelFacts() {
    }

    static ModelFacts of(Block root, List<DjlParameters.Named> params, String optimizer, double lr, boolean clipping) {
        Map<String, float[]> values = new HashMap<>();
        for (DjlParameters.Named p : params) {
            values.put(p.name(), p.parameter().getArray().toFloatArray());
        }
        List<LayerFacts> layers = new ArrayList<>();
        String prefix = root.getDirectParameters().isEmpty() ? "" : root.getClass().getSimpleName() + ".";
        walk(root, prefix, values, layers);
        double knownLr = lr > 0 && Double.isFinite(lr) ? lr : Double.NaN;
        return new ModelFacts(layers, optimizer, knownLr, 0, 0, clipping);
    }

    private static void walk(Block block, String prefix, Map<String, float[]> values, List<LayerFacts> out) {
        if (!block.getChildren().isEmpty()) {
            for (Pair<String, Block> c : block.getChildren()) {
                walk(c.getValue(), prefix + c.getKey() + ".", values, out);
            }
            return;
        }
        String name = prefix.isEmpty() ? block.getClass().getSimpleName() : prefix.substring(0, prefix.length() - 1);
        LayerFacts facts = leaf(block, name, prefix, values);
        if (facts.activation() != null && "activation".equals(facts.kind()) && !out.isEmpty()) {
            LayerFacts previous = out.get(out.size() - 1);
            if (previous.hasWeight() && previous.activation() == null) {
                out.set(out.size() - 1, previous.withActivation(facts.activation(), facts.activationParam()));
            }
        }
        out.add(facts);
    }

    private static LayerFacts leaf(Block block, String name, String prefix, Map<String, float[]> values) {
        if (block instanceof Linear) {
            long[] s = block.getParameters().get("weight").getArray().getShape().getShape();
            return weighted(name, "dense", (int) s[1], (int) s[0], values.get(prefix + "weight"), null);
        }
        if (block instanceof Conv2d) {
            long[] s = block.getParameters().get("weight").getArray().getShape().getShape();
            int area = (int) (s[2] * s[3]);
            return weighted(name, "conv2d", (int) s[1] * area, (int) s[0] * area, values.get(prefix + "weight"), null);
        }
        if (block instanceof LSTM || block instanceof GRU || block instanceof RNN) {
            long[] ih = block.getParameters().get("l_0_i2h_WEIGHT").getArray().getShape().getShape();
            long[] hh = block.getParameters().get("l_0_h2h_WEIGHT").getArray().getShape().getShape();
            String kind = block instanceof LSTM ? "lstm" : block instanceof GRU ? "gru" : "rnn";
            return weighted(name, kind, (int) ih[1], (int) hh[1], values.get(prefix + "weight_hh_l0"), "tanh");
        }
        if (block instanceof BatchNorm) {
            return LayerFacts.plain(name, "batchnorm", 0, null, 0);
        }
        if (block instanceof LayerNorm) {
            return LayerFacts.plain(name, "layernorm", 0, null, 0);
        }
        if (block instanceof Dropout) {
            return LayerFacts.plain(name, "dropout", 0, null, 0);
        }
        if (block instanceof LambdaBlock lambda) {
            String act = ACTIVATIONS.get(lambda.getName().toLowerCase(Locale.ROOT));
            if (act != null) {
                double param = switch (act) {
                    case "leaky_relu" -> 0.01;
                    case "elu", "softplus" -> 1.0;
                    default -> 0;
                };
                return LayerFacts.plain(name, "activation", 0, act, param);
            }
            return LayerFacts.plain(name, "lambda", 0, null, 0);
        }
        return LayerFacts.plain(name, block.getClass().getSimpleName().toLowerCase(Locale.ROOT), 0, null, 0);
    }

    private static LayerFacts weighted(String name, String kind, int fanIn, int fanOut, float[] w, String activation) {
        return new LayerFacts(name, kind, fanIn, fanOut, "measured", std(w), activation, 0);
    }

    /** The population standard deviation of {@code w}, or NaN when unknown or not finite. */
    static double std(float[] w) {
        if (w == null || w.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (float v : w) {
            sum += v;
        }
        double mean = sum / w.length;
        double ss = 0;
        for (float v : w) {
            double d = v - mean;
            ss += d * d;
        }
        double std = Math.sqrt(ss / w.length);
        return Double.isFinite(std) ? std : Double.NaN;
    }
}
