package io.gradguard.cli.analyze;

import io.gradguard.analysis.ChainRule;
import io.gradguard.autograd.Activation;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gradguard analyze chain}: the seeds' one-neuron-per-layer product, closed form vs autograd. */
@Command(name = "chain", mixinStandardHelpOptions = true,
        description = {"One neuron per layer: z_j = w_j a_(j-1) + b_j, a_j = phi(z_j), a_0 = x, and",
            "dC/db_1 = phi'(z_1) * prod_(j=2..L) w_j phi'(z_j) * dC/da_L, computed in double from the",
            "float32 parameters and compared with the engine's float32 autograd."})
public final class ChainCommand implements Callable<Integer> {
    /** The relative agreement the closed form and float32 autograd are held to. */
    static final double AGREE = 1e-6;

    @Option(names = "--depth", paramLabel = "L", defaultValue = "4", description = "Layers (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--activation", defaultValue = "sigmoid",
            description = "sigmoid, tanh, relu, leaky_relu, elu, gelu, selu or softplus (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--weights", paramLabel = "W[,W...]", defaultValue = "2",
            description = "One weight for every layer, or L of them (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--biases", paramLabel = "B[,B...]", defaultValue = "0",
            description = "One bias for every layer, or L of them (default: ${DEFAULT-VALUE}).")
    String biases;

    @Option(names = "--x", defaultValue = "0.5", description = "The input a_0 (default: ${DEFAULT-VALUE}).")
    float x;

    @Option(names = "--loss-grad", paramLabel = "G", defaultValue = "1",
            description = "dC/da_L at the output (default: ${DEFAULT-VALUE}).")
    float lossGrad;

    @Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Args.atLeast("--depth", depth, 1);
        Activation phi = Args.activation(activation);
        float[] w = Args.perLayer("--weights", weights, depth);
        float[] b = Args.perLayer("--biases", biases, depth);
        ChainRule.Result r = ChainRule.analyze(new ChainRule.Chain(phi, w, b, x, lossGrad));
        Table t = new Table("layers", "layer", "w", "b", "z", "a", phi.name() + "'(z)", "factor", "running_product");
        for (ChainRule.Layer l : r.layers()) {
            t.row(l.j(), (double) w[l.j() - 1], (double) b[l.j() - 1], l.z(), l.a(), l.derivative(), l.factor(),
                    l.runningProduct());
        }
        Report rep = new Report("chain", "Chain rule, one neuron per layer: " + depth + " x " + phi.name()
                + ", x = " + x + ", dC/da_L = " + lossGrad + " (factor = " + phi.name() + "'(z_1) for layer 1, w_j "
                + phi.name() + "'(z_j) after)")
                .table(t)
                .put("dC/db1 closed form (double)", r.closedForm())
                .put("dC/db1 autograd (float32)", r.autograd())
                .put("relative difference", r.relativeDifference())
                .put("agree to 1e-6", r.relativeDifference() <= AGREE ? "yes" : "no (float32 rounding grows with depth)")
                .figure(() -> Figures.chain(r, phi.name()));
        output.emit(spec.commandLine().getOut(), rep);
        return 0;
    }
}
