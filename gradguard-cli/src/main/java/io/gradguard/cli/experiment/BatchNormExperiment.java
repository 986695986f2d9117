package io.gradguard.cli.experiment;

import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * Experiment 5, batch normalisation. The seeds: batch norm "allows for higher learning rates without the risk
 * of destabilizing the training process" (Ioffe and Szegedy 2015). Each unit is normalised by its batch mean
 * and variance, so the scale of the weights below it no longer sets the scale of its input; a large step that
 * grows the weights is normalised away instead of compounding through the depth.
 *
 * <p>A 6-layer ReLU MLP (He init, plain SGD) with and without {@code batchnorm} after each dense layer, over a
 * grid of rates. A run is stable when it ends with finite loss and at least {@value #STABLE_ACCURACY}
 * validation accuracy; the highest stable rate is the largest rate of the grid below the first unstable one.
 * The claim holds when, on every seed, the highest stable rate with batch norm is above the one without.
 */
final class BatchNormExperiment implements Experiment {
    static final double STABLE_ACCURACY = 0.9;
    static final int DEPTH = 6;

    @Override
    public String name() {
        return "batch-norm";
    }

    @Override
    public String title() {
        return "Batch normalisation allows higher learning rates";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String claim() {
        return "With batch normalisation a " + DEPTH + "-layer ReLU MLP still trains (>= "
                + Num.pct(STABLE_ACCURACY) + " validation accuracy) at higher learning rates than without:"
                + " its highest stable SGD rate is higher on every seed.";
    }

    static double[] rates(boolean quick) {
        return quick ? new double[] {0.1, 0.3, 1, 3, 10} : new double[] {0.03, 0.1, 0.3, 1, 3, 10, 30};
    }

    static String id(boolean bn, double lr) {
        return (bn ? "bn-lr" : "plain-lr") + Specs.num(lr);
    }

    @Override
    public List<Point> grid(boolean quick) {
        int epochs = quick ? 10 : 20;
        List<Point> points = new ArrayList<>();
        for (boolean bn : new boolean[] {false, true}) {
            for (double lr : rates(quick)) {
                String block = bn ? "[{dense: 64}, batchnorm, relu]" : "[{dense: 64}, relu]";
                String yaml = "model:\n  input: 2\n  init: he_normal\n  layers:\n    - repeat: {times: " + DEPTH
                        + ", layers: " + block + "}\n    - dense: 3\n" + Specs.spirals(1000) + "loss: cross_entropy\n"
                        + "optimizer: {name: sgd, lr: " + Specs.num(lr) + "}\n" + Specs.training(epochs, 32, 0.2);
                points.add(Point.train(id(bn, lr), (bn ? "batch norm, lr " : "plain, lr ") + Specs.num(lr), yaml, 1,
                        epochs * (bn ? 1.5 : 1)));
            }
        }
        return points;
    }

    private static boolean stable(Outcome o) {
        return Double.isFinite(o.value("final_train_loss")) && o.value("final_val_accuracy") >= STABLE_ACCURACY;
    }

    @Override
    public Analysis analyze(Results r) {
        double[] rates = rates(r.quick());
        ResultTable t = new ResultTable("learning rate", "plain: validation accuracy", "plain: stable runs",
                "batch norm: validation accuracy", "batch norm: stable runs");
        for (double lr : rates) {
            t.row(Specs.num(lr), pct(r, id(false, lr)), stableCount(r, id(false, lr)), pct(r, id(true, lr)),
                    stableCount(r, id(true, lr)));
        }
        int seeds = r.seeds().size();
        double[] plain = new double[seeds];
        double[] bn = new double[seeds];
        boolean held = true;
        for (int i = 0; i < seeds; i++) {
            boolean[] badPlain = new boolean[rates.length];
            boolean[] badBn = new boolean[rates.length];
            for (int k = 0; k < rates.length; k++) {
                badPlain[k] = !stable(r.get(id(false, rates[k]), r.seeds().get(i)));
                badBn[k] = !stable(r.get(id(true, rates[k]), r.seeds().get(i)));
            }
            plain[i] = Fit.lastGoodBeforeFirstBad(rates, badPlain);
            bn[i] = Fit.lastGoodBeforeFirstBad(rates, badBn);
            held &= bn[i] > plain[i] || (Double.isNaN(plain[i]) && !Double.isNaN(bn[i]));
        }
        t.row("highest stable rate", Spread.of(plain).toString(), "", Spread.of(bn).toString(), "");
        LinePlot plot = new LinePlot("Validation accuracy after training vs learning rate", "learning rate",
                "validation accuracy").logX().markers().size(900, 480).hline("stable: " + Num.pct(STABLE_ACCURACY),
                STABLE_ACCURACY);
        for (boolean b : new boolean[] {false, true}) {
            double[] acc = new double[rates.length];
            for (int k = 0; k < rates.length; k++) {
                acc[k] = r.spread(id(b, rates[k]), "final_val_accuracy").mean();
            }
            plot.add(new Series(b ? "with batch norm" : "plain", rates, acc));
        }
        Figure fig = new Figure("batch-norm-lr.png", "Validation accuracy at the end of training (mean over seeds)"
                + " against the SGD learning rate, with and without batch norm after each dense layer.", plot.png());
        String outcome = "highest stable SGD rate " + Spread.of(plain) + " without batch norm, " + Spread.of(bn)
                + " with it";
        return new Analysis(t, held, outcome, List.of(fig), DEPTH + " x (dense 64, [batchnorm,] relu), He normal"
                + " init, spirals (1000 points), plain SGD, batch 32. Stable: finite loss and validation accuracy >= "
                + Num.pct(STABLE_ACCURACY) + " at the end; the validation pass uses batch norm's running statistics"
                + " (eval mode), as PyTorch does.");
    }

    private static String pct(Results r, String id) {
        Spread s = r.spread(id, "final_val_accuracy");
        return s.min() == s.max() ? Num.pct(s.mean())
                : Num.pct(s.mean()) + " (" + Num.pct(s.min()) + ".." + Num.pct(s.max()) + ")";
    }

    private static String stableCount(Results r, String id) {
        int n = 0;
        for (long s : r.seeds()) {
            n += stable(r.get(id, s)) ? 1 : 0;
        }
        return n + " of " + r.seeds().size();
    }
}
