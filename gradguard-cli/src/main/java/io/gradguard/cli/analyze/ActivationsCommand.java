package io.gradguard.cli.analyze;

import io.gradguard.analysis.DerivativeRange;
import io.gradguard.analysis.Phi;
import io.gradguard.autograd.Activation;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gradguard analyze activations}: the range of every activation's derivative and its risk. */
@Command(name = "activations", mixinStandardHelpOptions = true,
        description = {"For every activation of the engine, min and max of phi'(x) over x in [-10, 10]",
            "(step 1e-4) and what they mean for the chain rule product."})
public final class ActivationsCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Table t = new Table("derivatives", "activation", "min_phi'", "x_at_min", "max_phi'", "x_at_max", "risk",
                "meaning");
        for (Activation a : Phi.ALL) {
            DerivativeRange r = DerivativeRange.scan(a);
            t.row(a.name(), r.min(), r.argMin(), r.max(), r.argMax(), r.risk().name().toLowerCase(Locale.ROOT),
                    meaning(r.risk()));
        }
        Report rep = new Report("activations", "Activation derivative ranges on [-10, 10]").table(t)
                .note("A chain of L layers multiplies L factors w_j phi'(z_j): with phi' <= 0.25 (sigmoid) the"
                        + " weights must exceed 4 just to break even.")
                .figure(() -> Figures.activations(Phi.ALL));
        output.emit(spec.commandLine().getOut(), rep);
        return 0;
    }

    private static String meaning(DerivativeRange.Risk risk) {
        return switch (risk) {
            case VANISHING -> "phi' < 1: factors shrink unless |w| compensates";
            case NEUTRAL -> "phi' reaches 1: the weights set growth or decay";
            case EXPLODING -> "phi' > 1: the activation itself can amplify";
        };
    }
}
