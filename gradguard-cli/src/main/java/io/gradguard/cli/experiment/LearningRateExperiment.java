package io.gradguard.cli.experiment;

import io.gradguard.cli.plot.BarPlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Experiment 4, the learning rate. The seeds: "the learning rate acts as a multiplier to the gradient"; past
 * a critical rate (for a quadratic bowl of curvature {@code lambda}, {@code lr > 2 / lambda}) each SGD step
 * overshoots by more than it corrects and the loss grows geometrically, the faster the higher the rate.
 * Global-norm clipping ({@code clip_grad_norm_}, max_norm 1) caps each step at {@code lr * max_norm}, so the
 * growth can no longer feed on itself and the boundary moves to higher rates.
 *
 * <p>A small tanh MLP fits a noisy sine with plain SGD, over a grid of rates, unclipped and clipped. A run
 * diverges at the first step whose loss is non-finite or above {@value #BLOWUP} times the loss of step 0;
 * the highest stable rate is the largest rate of the grid below the first diverging one. The claim holds when,
 * on every seed, the divergence step at the largest rate is no later than at the smallest diverging rate, and
 * clipping raises the highest stable rate at least {@value #RAISE}-fold.
 */
final class LearningRateExperiment implements Experiment {
    static final double BLOWUP = 10;
    static final double RAISE = 2;

    @Override
    public String name() {
        return "learning-rate";
    }

    @Override
    public String title() {
        return "Learning rate: where SGD diverges, with and without clipping";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String claim() {
        return "Above a critical learning rate SGD diverges (loss > " + Num.fmt(BLOWUP) + "x its initial value), the"
                + " sooner the higher the rate; global-norm clipping (max_norm 1) raises the highest stable rate at"
                + " least " + Num.fmt(RAISE) + "-fold, on every seed.";
    }

    static double[] rates(boolean quick) {
        return quick ? new double[] {0.03, 0.1, 0.13, 0.2, 0.5, 1, 2, 5}
                : new double[] {0.01, 0.03, 0.06, 0.1, 0.12, 0.13, 0.15, 0.2, 0.3, 0.5, 0.7, 1, 2, 5, 10};
    }

    static String id(boolean clip, double lr) {
        return (clip ? "clip-lr" : "sgd-lr") + String.format(Locale.ROOT, "%s", Specs.num(lr));
    }

    @Override
    public List<Point> grid(boolean quick) {
        int epochs = quick ? 4 : 8;
        List<Point> points = new ArrayList<>();
        for (boolean clip : new boolean[] {false, true}) {
            for (double lr : rates(quick)) {
                String yaml = "model:\n  input: 1\n  layers:\n    - dense: {units: 64, activation: tanh}\n"
                        + "    - dense: {units: 64, activation: tanh}\n    - dense: 1\n"
                        + "data: {name: sine, samples: 1000, noise: 0.05}\nloss: mse\n"
                        + "optimizer: {name: sgd, lr: " + Specs.num(lr) + "}\n" + Specs.training(epochs, 32, 0.2)
                        + (clip ? "guard:\n  clip: {name: global_norm, max_norm: 1.0}\n  detectors: "
                        + Specs.NO_DETECTORS + "\n  trace_limit: 0\n" : "");
                points.add(Point.train(id(clip, lr), (clip ? "clipped, lr " : "SGD, lr ") + Specs.num(lr), yaml, 1,
                        epochs));
            }
        }
        return points;
    }

    /** The first step whose loss is non-finite or above {@link #BLOWUP} times step 0's; NaN if none. */
    static double divergenceStep(double[] loss) {
        for (int i = 0; i < loss.length; i++) {
            if (!Double.isFinite(loss[i]) || loss[i] > BLOWUP * loss[0]) {
                return i;
            }
        }
        return Double.NaN;
    }

    @Override
    public Analysis analyze(Results r) {
        double[] rates = rates(r.quick());
        int seeds = r.seeds().size();
        double[][][] div = new double[2][rates.length][seeds];
        for (int c = 0; c < 2; c++) {
            for (int k = 0; k < rates.length; k++) {
                for (int i = 0; i < seeds; i++) {
                    div[c][k][i] = divergenceStep(r.get(id(c == 1, rates[k]), r.seeds().get(i)).series("loss"));
                }
            }
        }
        ResultTable t = new ResultTable("learning rate", "SGD: divergence step", "SGD: final train loss",
                "clipped: divergence step", "clipped: final train loss");
        for (int k = 0; k < rates.length; k++) {
            t.row(Specs.num(rates[k]), steps(div[0][k]), r.spread(id(false, rates[k]), "final_train_loss").toString(),
                    steps(div[1][k]), r.spread(id(true, rates[k]), "final_train_loss").toString());
        }
        boolean held = true;
        double[] stable = new double[seeds];
        double[] stableClip = new double[seeds];
        for (int i = 0; i < seeds; i++) {
            boolean[] bad = new boolean[rates.length];
            boolean[] badClip = new boolean[rates.length];
            int firstBad = -1;
            for (int k = 0; k < rates.length; k++) {
                bad[k] = !Double.isNaN(div[0][k][i]);
                badClip[k] = !Double.isNaN(div[1][k][i]);
                firstBad = firstBad < 0 && bad[k] ? k : firstBad;
            }
            stable[i] = Fit.lastGoodBeforeFirstBad(rates, bad);
            stableClip[i] = Fit.lastGoodBeforeFirstBad(rates, badClip);
            boolean sooner = firstBad >= 0 && bad[rates.length - 1]
                    && div[0][rates.length - 1][i] <= div[0][firstBad][i];
            held &= sooner && stableClip[i] >= RAISE * stable[i];
        }
        t.row("highest stable rate", Spread.of(stable).toString(), "", Spread.of(stableClip).toString(), "");
        int all = firstDivergingOnEverySeed(div[0]);
        String outcome = "highest stable lr " + Spread.of(stable) + " without clipping, " + Spread.of(stableClip)
                + " with global-norm clipping; unclipped SGD diverges at step " + steps(div[0][all]) + " at lr "
                + Specs.num(rates[all]) + " and at step " + steps(div[0][rates.length - 1]) + " at lr "
                + Specs.num(rates[rates.length - 1]);
        return new Analysis(t, held, outcome, List.of(divergencePlot(r, rates, div), lossPlot(r, rates)),
                "Sine regression (1000 points, noise 0.05), MLP 1-64-64-1 tanh, PyTorch default init, SGD without"
                        + " momentum, batch 32, MSE. Clipped runs: guard with clip {name: global_norm, max_norm: 1}"
                        + " and no detectors, so clipping is the only intervention. A divergence step is the first"
                        + " step with loss > " + Num.fmt(BLOWUP) + "x that of step 0 (or NaN/Inf); '-' means the run"
                        + " never diverged.");
    }

    /** The index of the lowest rate at which every seed diverged (the last rate if none). */
    private static int firstDivergingOnEverySeed(double[][] div) {
        for (int k = 0; k < div.length; k++) {
            if (Spread.of(div[k]).nonFinite() == 0) {
                return k;
            }
        }
        return div.length - 1;
    }

    private static String steps(double[] d) {
        Spread s = Spread.of(d);
        if (s.nonFinite() == s.n()) {
            return "-";
        }
        return s.nonFinite() == 0 ? s.toString() : s.toString().replace("NaN/Inf", "no divergence");
    }

    private static Figure divergencePlot(Results r, double[] rates, double[][][] div) {
        List<String> names = new ArrayList<>();
        for (double lr : rates) {
            names.add(Specs.num(lr));
        }
        BarPlot plot = new BarPlot("Divergence step vs learning rate (no bar: no divergence on some seed)",
                "learning rate", "first diverging step (mean over seeds)").categories(names).size(900, 480);
        String[] series = {"SGD", "SGD + global-norm clip 1"};
        for (int c = 0; c < 2; c++) {
            double[] y = new double[rates.length];
            for (int k = 0; k < rates.length; k++) {
                Spread s = Spread.of(div[c][k]);
                y[k] = s.nonFinite() > 0 ? Double.NaN : s.mean();
            }
            plot.add(series[c], y);
        }
        return new Figure("learning-rate-divergence.png", "The step at which the loss first exceeds "
                + Num.fmt(BLOWUP) + "x its initial value, per learning rate (mean over seeds; no bar: the run did not"
                + " diverge on some seed): the higher the rate, the sooner; clipping moves the boundary up.",
                plot.png());
    }

    private static Figure lossPlot(Results r, double[] rates) {
        java.util.Map<String, double[]> lines = new java.util.LinkedHashMap<>();
        for (double lr : rates) {
            double[] loss = r.get(id(false, lr), r.seeds().get(0)).series("loss");
            lines.put("lr " + Specs.num(lr), java.util.Arrays.copyOf(loss, Math.min(loss.length, 60)));
        }
        return Plots.perStep("learning-rate-loss.png", "Training loss per step, unclipped SGD (seed " + r.seeds().get(0)
                + ")", "loss", lines, "The first 60 steps of unclipped SGD at each rate: below the boundary the loss"
                + " falls, above it the loss grows geometrically until it overflows.");
    }
}
