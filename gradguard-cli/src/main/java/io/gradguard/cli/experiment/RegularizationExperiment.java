package io.gradguard.cli.experiment;

import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * Experiment 7, regularisation. The seeds: "the gradient explosion problem is generally due to W being too
 * large; L2 regularization can solve the problem"; weight decay "limits the range of parameter values". The
 * backpropagated gradient is a product of the weights of the layers above, so weights that grow during
 * training grow the gradients with them. The L2 penalty {@code (l2/2) sum w^2} (its gradient {@code l2 * w},
 * Keras' kernel regulariser) and AdamW's decoupled weight decay ({@code w -= lr * weight_decay * w},
 * Loshchilov and Hutter 2019) pull the weights back.
 *
 * <p>A 6-layer ReLU MLP trained with Adam at a high rate (0.05), watched by the guard with its default
 * detectors and no intervention. Gradient-explosion incidents are the guard's {@code grad_norm_spike} and
 * {@code non_finite} incidents. The claim holds when, on every seed, both regularised runs end with a smaller
 * weight norm and a smaller largest gradient norm than the unregularised one, and each has fewer
 * gradient-explosion incidents over all seeds.
 */
final class RegularizationExperiment implements Experiment {
    static final List<String[]> CONFIGS = List.of(
            new String[] {"none", "no regularisation", "{name: adam, lr: 0.05}"},
            new String[] {"l2", "L2 penalty l2 = 1e-3", "{name: adam, lr: 0.05, regularization: {l2: 1e-3}}"},
            new String[] {"weight-decay", "AdamW weight_decay = 0.1", "{name: adamw, lr: 0.05, weight_decay: 0.1}"});

    @Override
    public String name() {
        return "regularization";
    }

    @Override
    public String title() {
        return "Regularisation: L2 and weight decay bound the weights and the gradients";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String claim() {
        return "Without regularisation the weights of a 6-layer ReLU MLP (Adam, lr 0.05) keep growing and its gradient"
                + " norm spikes; an L2 penalty and AdamW weight decay each end with a smaller weight norm and a smaller"
                + " largest gradient norm on every seed, and fewer gradient-explosion incidents.";
    }

    @Override
    public List<Point> grid(boolean quick) {
        int epochs = quick ? 40 : 80;
        List<Point> points = new ArrayList<>();
        for (String[] c : CONFIGS) {
            String yaml = "model:\n  input: 2\n  init: he_normal\n  layers:\n" + Specs.stack(6, 64, "relu")
                    + "    - dense: 3\n" + Specs.spirals(1000) + "loss: cross_entropy\noptimizer: " + c[2] + "\n"
                    + Specs.training(epochs, 32, 0.2) + "guard:\n  recovery: " + Specs.OBSERVE_ONLY
                    + "\n  trace_limit: 0\n";
            points.add(Point.train(c[0], c[1], yaml, 1, epochs));
        }
        return points;
    }

    static double explosions(Outcome o) {
        return o.value("incidents_grad_norm_spike") + o.value("incidents_non_finite");
    }

    @Override
    public Analysis analyze(Results r) {
        ResultTable t = new ResultTable("regularisation", "final weight norm", "largest gradient norm",
                "gradient-explosion incidents (total)", "loss spikes (total)", "final train loss",
                "final validation accuracy", "as claimed");
        double[] noneWeights = r.values("none", "final_weight_norm");
        double[] noneMax = r.values("none", "max_grad_norm");
        double noneExplosions = total(r, "none");
        boolean held = true;
        for (String[] c : CONFIGS) {
            boolean ok = true;
            if (!c[0].equals("none")) {
                double[] w = r.values(c[0], "final_weight_norm");
                double[] g = r.values(c[0], "max_grad_norm");
                for (int i = 0; i < w.length; i++) {
                    ok &= w[i] < noneWeights[i] && g[i] < noneMax[i];
                }
                ok &= total(r, c[0]) < noneExplosions;
                held &= ok;
            }
            double lossSpikes = 0;
            for (long s : r.seeds()) {
                lossSpikes += r.get(c[0], s).value("incidents_loss_spike");
            }
            Spread acc = r.spread(c[0], "final_val_accuracy");
            t.row(c[1], r.spread(c[0], "final_weight_norm").toString(),
                    Spread.geometric(r.values(c[0], "max_grad_norm")).toString(), Num.fmt(total(r, c[0])),
                    Num.fmt(lossSpikes), r.spread(c[0], "final_train_loss").toString(),
                    Num.pct(acc.mean()) + " (" + Num.pct(acc.min()) + ".." + Num.pct(acc.max()) + ")",
                    c[0].equals("none") ? "(reference)" : ok ? "yes" : "no");
        }
        long seed = r.seeds().get(0);
        LinePlot weights = new LinePlot("Weight norm during training (mean over seeds)", "step",
                "L2 norm of all weights").size(900, 480);
        java.util.Map<String, double[]> grads = new java.util.LinkedHashMap<>();
        for (String[] c : CONFIGS) {
            double[] w = r.meanSeries(c[0], "weight_norm");
            double[] x = new double[w.length];
            java.util.Arrays.setAll(x, i -> i * Probe.EVERY);
            weights.add(new Series(c[1], x, w));
            grads.put(c[1], r.get(c[0], seed).series("grad_norm"));
        }
        String outcome = "final weight norm " + r.spread("none", "final_weight_norm") + " unregularised, "
                + r.spread("l2", "final_weight_norm") + " with L2, " + r.spread("weight-decay", "final_weight_norm")
                + " with weight decay; gradient-explosion incidents " + Num.fmt(noneExplosions) + " / "
                + Num.fmt(total(r, "l2")) + " / " + Num.fmt(total(r, "weight-decay"));
        return new Analysis(t, held, outcome, List.of(
                new Figure("regularization-weights.png", "The L2 norm of all weights every " + Probe.EVERY + " steps:"
                        + " unregularised it keeps growing, with L2 or weight decay it is pulled back.", weights.png()),
                Plots.perStep("regularization-grad-norm.png", "Gradient norm per step (seed " + seed + ")",
                        "global gradient norm", grads, "The global gradient norm at every step: the unregularised"
                        + " run's spikes grow with its weights.")),
                "Spirals (1000 points), 6 x (dense 64, relu), He init, batch 32, Adam/AdamW lr 0.05. The guard"
                        + " watches with its default detectors and recovery 'proceed' for every kind, so it changes"
                        + " nothing. The L2 penalty applies to parameters named 'weight' (dense and conv kernels).");
    }

    private static double total(Results r, String id) {
        double n = 0;
        for (long s : r.seeds()) {
            n += explosions(r.get(id, s));
        }
        return n;
    }
}
