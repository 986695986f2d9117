package io.gradguard.cli.analyze;

import io.gradguard.analysis.MeanField;
import io.gradguard.autograd.Activation;
import io.gradguard.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gradguard analyze mean-field}: Schoenholz et al. 2017's order-to-chaos analysis. */
@Command(name = "mean-field", mixinStandardHelpOptions = true,
        description = {"Mean-field signal propagation (Schoenholz et al. 2017) for weights N(0, sigma_w^2/fan_in)",
            "and biases N(0, sigma_b^2): q^l = sigma_w^2 E[phi(sqrt(q^(l-1)) z)^2] + sigma_b^2 to its fixed point",
            "q*, and chi_1 = sigma_w^2 E[phi'(sqrt(q*) z)^2]: < 1 ordered (vanishing), > 1 chaotic (exploding).",
            "Gaussian expectations by 80-point Gauss-Hermite quadrature."})
public final class MeanFieldCommand implements Callable<Integer> {
    @Option(names = "--activation", defaultValue = "tanh", description = "The activation (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--sigma-w2", paramLabel = "V", defaultValue = "1.5",
            description = "Weight variance times fan_in (default: ${DEFAULT-VALUE}).")
    double sigmaW2;

    @Option(names = "--sigma-b2", paramLabel = "V", defaultValue = "0.05",
            description = "Bias variance (default: ${DEFAULT-VALUE}).")
    double sigmaB2;

    @Option(names = "--depth", paramLabel = "L", defaultValue = "50", description = "Layers (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--width", paramLabel = "N", defaultValue = "256",
            description = "Units per layer for --check (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32",
            description = "Random inputs for --check (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for --check (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--critical", description = "Find the sigma_w^2 where chi_1 = 1 for the given sigma_b^2.")
    boolean critical;

    @Option(names = "--phase-diagram", description = "chi_1 over sigma_w^2 in [0.5, 4] x sigma_b^2 in [0, 0.5], with the critical line.")
    boolean phaseDiagram;

    @Option(names = "--check", description = {"Measure in the engine: backpropagated gradient norms through a",
        "depth x width network at an ordered, the critical and a chaotic point, against sqrt(chi_1)."})
    boolean check;

    @Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((critical ? 1 : 0) + (phaseDiagram ? 1 : 0) + (check ? 1 : 0) > 1) {
            throw new UserError("--critical, --phase-diagram and --check are separate analyses; give one");
        }
        Activation phi = Args.activation(activation);
        Args.atLeast("--depth", depth, check ? 2 : 1);
        Args.atLeast("--width", width, 1);
        Args.atLeast("--batch", batch, 1);
        if (!(sigmaW2 > 0) || !Double.isFinite(sigmaW2)) {
            throw new UserError("--sigma-w2 must be > 0 and finite, got " + sigmaW2);
        }
        if (!(sigmaB2 >= 0) || !Double.isFinite(sigmaB2)) {
            throw new UserError("--sigma-b2 must be >= 0 and finite, got " + sigmaB2);
        }
        MeanField theory = new MeanField(phi);
        MeanFieldReports reports = new MeanFieldReports(theory, sigmaB2);
        Report r;
        if (critical) {
            r = reports.critical();
        } else if (phaseDiagram) {
            r = reports.phaseDiagram();
        } else if (check) {
            r = reports.check(depth, width, batch, seed);
        } else {
            r = reports.point(sigmaW2, depth);
        }
        output.emit(spec.commandLine().getOut(), r);
        return 0;
    }
}
