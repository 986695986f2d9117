package io.gradguard.cli.experiment;

import io.gradguard.analysis.MeanField;
import io.gradguard.analysis.MeanFieldCheck;
import io.gradguard.analysis.SigmoidWindow;
import io.gradguard.autograd.Activation;
import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * Experiment 10, the theory behind the other nine, as figures (from {@code io.gradguard.analysis}, the code of
 * {@code gradguard analyze}). The sigmoid window: one sigmoid layer multiplies the gradient by
 * {@code |w sigma'(w x + b)|}, above 1 only for {@code |w| > 4} and only for inputs in an interval of width
 * {@code (2/|w|) ln((1 + r)/(1 - r))}, {@code r = sqrt(1 - 4/|w|)}, widest (0.4477) at {@code |w| = 6.894}
 * (the seeds: "at most 0.45, at |w| = 6.9"). The mean-field phase diagram (Schoenholz et al. 2017): the line
 * {@code chi_1 = 1} in the {@code (sigma_w^2, sigma_b^2)} plane separates the ordered phase (gradients vanish
 * with depth) from the chaotic one (they explode), checked in the engine at an ordered, the critical and a
 * chaotic point of a {@value #DEPTH}-layer tanh network ({@link MeanFieldCheck}).
 *
 * <p>No training runs: the points are computations ({@code runs/POINT-sSEED/} holds only {@code done.json}).
 * The claim holds when the window's closed form and bisection agree within {@value #AGREE} over
 * {@code |w|} in [4, 20], the window is empty below {@code |w| = 4}, the widest window is within 0.01 of the
 * seeds' 0.45 at {@code |w|} within 0.1 of 6.9, and on every seed the measured gradient growth agrees in
 * direction with {@code chi_1} at all three points.
 */
final class TheoryExperiment implements Experiment {
    static final double AGREE = 1e-6;
    static final int DEPTH = 50;
    static final double SIGMA_B2 = 0.05;
    private static final String[] PHASES = {"ordered", "critical", "chaotic"};

    @Override
    public String name() {
        return "theory";
    }

    @Override
    public String title() {
        return "The sigmoid window and the mean-field phase diagram";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String claim() {
        return "A sigmoid layer can amplify the gradient only for |w| > 4 and only on an input window at most 0.45"
                + " wide (at |w| = 6.9), closed form and bisection agreeing; and mean-field theory's chi_1 = 1 line"
                + " separates vanishing from exploding gradients, as measured in a " + DEPTH + "-layer tanh network"
                + " on every seed.";
    }

    @Override
    public List<Point> grid(boolean quick) {
        int width = quick ? 128 : 256;
        return List.of(
                new Point("sigmoid-window", "sigmoid window, |w| in [4, 20]", new Task.Compute(
                        "SigmoidWindow closed form vs bisection, |w| 4..20 step 0.1, b 0; empty at 3.9", TheoryExperiment::window),
                        1),
                new Point("mean-field-tanh", "tanh, sigma_b^2 = " + SIGMA_B2 + ", " + DEPTH + " x " + width,
                        new Task.Compute("MeanFieldCheck tanh depth " + DEPTH + " width " + width + " batch 32"
                                + " sigma_b2 " + SIGMA_B2 + " at c/2, c, 2c; critical line sigma_b2 0..0.5",
                                (seed, out) -> meanField(seed, width, out)), 5));
    }

    private static void window(long seed, Outcome.Builder out) {
        List<Double> ws = new ArrayList<>();
        for (int i = 40; i <= 200; i++) {
            ws.add(i / 10.0);
        }
        double[] w = ws.stream().mapToDouble(Double::doubleValue).toArray();
        double[] closed = new double[w.length];
        double[] numerical = new double[w.length];
        double maxDiff = 0;
        for (int i = 0; i < w.length; i++) {
            closed[i] = SigmoidWindow.width(w[i]);
            SigmoidWindow.Interval n = SigmoidWindow.numerical(w[i], 0);
            numerical[i] = n == null ? 0 : n.width();
            maxDiff = Math.max(maxDiff, Math.abs(closed[i] - numerical[i]));
        }
        SigmoidWindow.Peak peak = SigmoidWindow.peak();
        out.series("w", w).series("width_closed_form", closed).series("width_bisection", numerical);
        out.put("max_difference", maxDiff).put("peak_width", peak.width()).put("peak_w", peak.absW());
        out.put("empty_below_4", SigmoidWindow.numerical(3.9, 0) == null && SigmoidWindow.width(3.9) == 0 ? 1 : 0);
    }

    private static void meanField(long seed, int width, Outcome.Builder out) {
        MeanField theory = new MeanField(new Activation.Tanh());
        double c = theory.criticalSigmaW2(SIGMA_B2, 0.01, 1000);
        double[] points = {c / 2, c, 2 * c};
        MeanFieldCheck.Setup setup = new MeanFieldCheck.Setup(new Activation.Tanh(), DEPTH, width, 32, seed);
        for (int i = 0; i < 3; i++) {
            MeanFieldCheck.Measurement m = MeanFieldCheck.measure(setup, theory, points[i], SIGMA_B2);
            out.put(PHASES[i] + "_sigma_w2", points[i]).put(PHASES[i] + "_predicted", m.predicted().growthPerLayer())
                    .put(PHASES[i] + "_measured", m.measuredGrowth()).put(PHASES[i] + "_agrees", m.agrees() ? 1 : 0);
            out.series(PHASES[i] + "_grad_norms", m.gradNorms());
        }
        double[] sb2 = new double[11];
        double[] sw2 = new double[sb2.length];
        for (int j = 0; j < sb2.length; j++) {
            sb2[j] = 0.05 * j;
            sw2[j] = theory.criticalSigmaW2(sb2[j], 0.01, 1000);
        }
        out.series("critical_sigma_b2", sb2).series("critical_sigma_w2", sw2);
    }

    @Override
    public Analysis analyze(Results r) {
        long first = r.seeds().get(0);
        Outcome win = r.get("sigmoid-window", first);
        boolean windowOk = win.value("max_difference") < AGREE && win.value("empty_below_4") == 1
                && Math.abs(win.value("peak_width") - 0.45) <= 0.01 && Math.abs(win.value("peak_w") - 6.9) <= 0.1;
        ResultTable t = new ResultTable("quantity", "measured", "expected", "as claimed");
        t.row("widest sigmoid window", Num.fmt(win.value("peak_width")) + " at |w| = " + Num.fmt(win.value("peak_w")),
                "0.45 at |w| = 6.9 (the seeds)", Math.abs(win.value("peak_width") - 0.45) <= 0.01
                        && Math.abs(win.value("peak_w") - 6.9) <= 0.1);
        t.row("closed form vs bisection, |w| in [4, 20]", "largest difference " + Num.fmt(win.value("max_difference")),
                "< " + Num.fmt(AGREE), win.value("max_difference") < AGREE);
        t.row("window at |w| = 3.9", win.value("empty_below_4") == 1 ? "empty" : "not empty", "empty",
                win.value("empty_below_4") == 1);
        boolean held = windowOk;
        for (String phase : PHASES) {
            double[] agrees = r.values("mean-field-tanh", phase + "_agrees");
            boolean all = java.util.Arrays.stream(agrees).allMatch(a -> a == 1);
            held &= all;
            Outcome o = r.get("mean-field-tanh", first);
            t.row("tanh " + phase + " point, sigma_w^2 = " + Num.fmt(o.value(phase + "_sigma_w2")),
                    "factor per layer " + Spread.of(r.values("mean-field-tanh", phase + "_measured")),
                    "sqrt(chi_1) = " + Num.fmt(o.value(phase + "_predicted")), all);
        }
        String outcome = "widest window " + Num.fmt(win.value("peak_width")) + " at |w| = " + Num.fmt(win.value("peak_w"))
                + "; tanh gradient factor per layer measured " + Spread.of(r.values("mean-field-tanh", "ordered_measured"))
                + " / " + Spread.of(r.values("mean-field-tanh", "critical_measured")) + " / "
                + Spread.of(r.values("mean-field-tanh", "chaotic_measured")) + " at the ordered / critical / chaotic point";
        return new Analysis(t, held, outcome, List.of(windowFigure(win), factorFigure(), phaseFigure(r),
                checkFigure(r)), "Sigmoid window: analysis.SigmoidWindow (gradguard analyze sigmoid-window). Mean"
                + " field: analysis.MeanField and MeanFieldCheck (gradguard analyze mean-field --check): weights"
                + " N(0, sigma_w^2/fan_in), biases N(0, " + SIGMA_B2 + "), a random N(0, 1) batch of 32 forward and a"
                + " random gradient back; the measured factor is the least-squares growth of ||dL/da_l|| per layer"
                + " toward the input. 'Agrees' means the same sign of growth (within 2% counts as flat).");
    }

    private static Figure windowFigure(Outcome win) {
        LinePlot plot = new LinePlot("Width of the sigmoid explosion window", "|w|", "width of {x : |w sigma'(wx)| > 1}")
                .size(900, 480).hline("the seeds' 0.45", 0.45);
        plot.add(new Series("closed form (2/|w|) ln((1+r)/(1-r))", win.series("w"), win.series("width_closed_form")));
        double[] w = win.series("w");
        double[] b = win.series("width_bisection");
        double[] ws = new double[(w.length + 4) / 5];
        double[] bs = new double[ws.length];
        for (int i = 0; i < ws.length; i++) {
            ws[i] = w[5 * i];
            bs[i] = b[5 * i];
        }
        plot.points(new Series("bisection", ws, bs));
        return new Figure("theory-sigmoid-window.png", "How wide the range of inputs x is on which one sigmoid"
                + " layer amplifies the gradient, against |w|: empty below 4, at most 0.4477 (at |w| = 6.894).",
                plot.png());
    }

    private static Figure factorFigure() {
        LinePlot plot = new LinePlot("One sigmoid layer's gradient factor |w sigma'(w x)|", "input x",
                "|w sigma'(w x)|").size(900, 480).hline("1: above it the layer amplifies", 1);
        for (double w : new double[] {2, 4, 6.894, 12}) {
            double[] x = new double[201];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = -1 + 0.01 * i;
                y[i] = SigmoidWindow.factor(w, 0, x[i]);
            }
            plot.add(new Series("|w| = " + Num.fmt(w), x, y));
        }
        return new Figure("theory-sigmoid-factor.png", "The factor by which one sigmoid layer multiplies the gradient"
                + " (b = 0): at most |w|/4, and above 1 only on a narrow window around x = 0 once |w| > 4.",
                plot.png());
    }

    private static Figure phaseFigure(Results r) {
        Outcome o = r.get("mean-field-tanh", r.seeds().get(0));
        LinePlot plot = new LinePlot("Mean-field phase diagram, tanh: ordered (left), chaotic (right)", "sigma_w^2",
                "sigma_b^2").size(900, 480);
        plot.add(new Series("critical line chi_1 = 1",
                o.series("critical_sigma_w2"), o.series("critical_sigma_b2")));
        for (String phase : PHASES) {
            plot.points(new Series(phase + " point", new double[] {o.value(phase + "_sigma_w2")},
                    new double[] {SIGMA_B2}));
        }
        return new Figure("theory-phase-diagram.png", "The critical line chi_1 = 1 of a deep tanh network with weights"
                + " N(0, sigma_w^2/n) and biases N(0, sigma_b^2): to its left gradients vanish with depth, to its right"
                + " they explode; the markers are the three points measured.", plot.png());
    }

    private static Figure checkFigure(Results r) {
        java.util.Map<String, double[]> lines = new java.util.LinkedHashMap<>();
        for (String phase : PHASES) {
            lines.put(phase + " (sqrt(chi_1) = " + Num.fmt(r.get("mean-field-tanh", r.seeds().get(0))
                    .value(phase + "_predicted")) + ")", r.geometricMeanSeries("mean-field-tanh", phase + "_grad_norms"));
        }
        return Plots.perLayer("theory-mean-field-check.png", "||dL/da_l|| per layer, " + DEPTH + "-layer tanh network",
                "||dL/da_l||", lines, "The backpropagated gradient's norm at each layer (geometric mean over seeds) at"
                        + " the three points: shrinking toward the input in the ordered phase, level at the critical"
                        + " point, growing in the chaotic phase, as sqrt(chi_1) predicts.");
    }
}
