package io.gradguard.djl;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every parameter of a DJL block tree, in forward order, named the way PyTorch's {@code state_dict} names
 * the same module: the child-block path joined by dots ({@code 02SequentialBlock.01Linear}, DJL's own child
 * names), then the parameter's PyTorch name. DJL's names are translated where they differ:
 * <ul>
 *   <li>batch norm {@code gamma, beta, runningMean, runningVar} -> {@code weight, bias, running_mean,
 *       running_var} ({@code torch.nn.BatchNorm2d});
 *   <li>recurrent {@code l_0_i2h_WEIGHT, l_0_h2h_WEIGHT, l_0_i2h_BIAS, l_0_h2h_BIAS} (and {@code r_...} for
 *       the reverse direction) -> {@code weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0}
 *       ({@code _reverse}) ({@code torch.nn.LSTM}, {@code GRU}, {@code RNN}): DJL's PyTorch engine hands
 *       these arrays to libtorch's fused RNN kernels unchanged, so the gate blocks are PyTorch's
 *       ({@code i, f, g, o} and {@code r, z, n});
 *   <li>everything else ({@code weight}, {@code bias}) keeps its name.
 * </ul>
 * The guard groups parameters by the part of the name before the last dot, so each DJL block is one layer.
 * A root block that holds parameters itself is named by its class ({@code Linear.weight}).
 */
public final class DjlParameters {
    private static final Pattern RNN = Pattern.compile("([lr])_(\\d+)_(i2h|h2h)_(WEIGHT|BIAS)");

    private DjlParameters() {
    }

    /**
     * One parameter with its PyTorch-style name.
     *
     * @param name      {@code 01Linear.weight}
     * @param parameter DJL's parameter (its array is the live tensor the optimiser updates)
     */
    public record Named(String name, Parameter parameter) {
        /** Whether the optimiser updates it (false for batch norm's running statistics). */
        public boolean trainable() {
            return parameter.requiresGradient();
        }
    }

    /** Every parameter under {@code root}, depth first in child order (forward order for sequential blocks). */
    public static List<Named> of(Block root) {
        List<Named> out = new ArrayList<>();
        String prefix = root.getDirectParameters().isEmpty() ? "" : root.getClass().getSimpleName() + ".";
        walk(root, prefix, out);
        return List.copyOf(out);
    }

    private static void walk(Block block, String prefix, List<Named> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.add(new Named(prefix + torchName(p.getKey()), p.getValue()));
        }
        for (Pair<String, Block> c : block.getChildren()) {
            walk(c.getValue(), prefix + c.getKey() + ".", out);
        }
    }

    /** PyTorch's name for a DJL parameter name ({@code gamma -> weight}, {@code l_0_i2h_WEIGHT -> weight_ih_l0}). */
    public static String torchName(String djlName) {
        switch (djlName) {
            case "gamma":
                return "weight";
            case "beta":
                return "bias";
            case "runningMean":
                return "running_mean";
            case "runningVar":
                return "running_var";
            default:
                break;
        }
        Matcher m = RNN.matcher(djlName);
        if (m.matches()) {
            String kind = m.group(4).toLowerCase(Locale.ROOT);
            String side = m.group(3).equals("i2h") ? "ih" : "hh";
            return kind + "_" + side + "_l" + m.group(2) + (m.group(1).equals("r") ? "_reverse" : "");
        }
        return djlName;
    }
}
