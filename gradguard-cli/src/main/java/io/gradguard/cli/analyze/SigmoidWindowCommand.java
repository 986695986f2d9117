package io.gradguard.cli.analyze;

import io.gradguard.analysis.SigmoidWindow;
import io.gradguard.cli.UserError;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gradguard analyze sigmoid-window}: where one sigmoid layer amplifies, closed form vs numerical. */
@Command(name = "sigmoid-window", mixinStandardHelpOptions = true,
        description = {"For |w| >= 4, the inputs x where |w sigma'(w x + b)| > 1: an interval of width",
            "(2/|w|) ln((1 + r)/(1 - r)), r = sqrt(1 - 4/|w|), beside the width found by bisection, and the",
            "widest window over |w| (golden-section search)."})
public final class SigmoidWindowCommand implements Callable<Integer> {
    @Option(names = "--w-max", paramLabel = "W", defaultValue = "20",
            description = "Largest |w| in the table (default: ${DEFAULT-VALUE}).")
    double wMax;

    @Option(names = "--b", defaultValue = "0", description = "The bias; it shifts the window, never widens it (default: ${DEFAULT-VALUE}).")
    double b;

    @Mixin
    OutputOptions output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(wMax >= 4) || wMax > 1e6) {
            throw new UserError("--w-max must be in [4, 1e6] (the window is empty below |w| = 4), got " + wMax);
        }
        if (!Double.isFinite(b)) {
            throw new UserError("--b must be finite, got " + b);
        }
        TreeSet<Double> ws = new TreeSet<>();
        for (int w = 4; w <= wMax; w++) {
            ws.add((double) w);
        }
        for (int i = 60; i <= 80; i++) { // finer around the widest window, near |w| = 6.9
            if (i / 10.0 <= wMax) {
                ws.add(i / 10.0);
            }
        }
        ws.add(wMax);
        double[] wsArr = new double[ws.size()];
        double[] numeric = new double[ws.size()];
        int k = 0;
        Table t = new Table("window", "|w|", "x_lo", "x_hi", "width_closed_form", "width_numerical", "difference");
        for (double w : ws) {
            SigmoidWindow.Interval exact = SigmoidWindow.interval(w, b);
            SigmoidWindow.Interval num = SigmoidWindow.numerical(w, b);
            double we = SigmoidWindow.width(w);
            double wn = num == null ? 0 : num.width();
            wsArr[k] = w;
            numeric[k++] = wn;
            t.row(w, exact == null ? null : exact.lo(), exact == null ? null : exact.hi(), we, wn, Math.abs(we - wn));
        }
        SigmoidWindow.Peak p = SigmoidWindow.peak();
        Report r = new Report("sigmoid-window", "Sigmoid explosion window, b = " + b + " (window centred on x = -b/w)")
                .table(t)
                .put("widest window", p.width())
                .put("reached at |w|", p.absW())
                .note("The factor |w sigma'| exceeds 1 only on an input interval at most " + Table.cell(p.width())
                        + " wide: a sigmoid chain explodes only if every layer's input lands there.")
                .figure(() -> Figures.sigmoidWindow(wsArr, numeric, wMax, p));
        output.emit(spec.commandLine().getOut(), r);
        return 0;
    }
}
