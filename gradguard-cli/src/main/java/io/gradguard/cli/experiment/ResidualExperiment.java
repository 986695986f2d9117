package io.gradguard.cli.experiment;

import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Experiment 6, residual connections. The seeds: the residual structure "lets the deep network through the
 * shortcut", alleviating vanishing gradients. A block {@code y = x + tanh(W x + b)} (He et al. 2016) has the
 * Jacobian {@code I + d tanh(Wx + b)/dx}, so the identity carries the gradient to the first layer however
 * deep the stack; a plain tanh stack with PyTorch's default init multiplies it by about {@code 1/sqrt(3)}
 * per layer (the setting of {@code examples/plain-mlp-50.yaml} and {@code residual-mlp-50.yaml}).
 *
 * <p>Plain and residual MLPs with {@code depth} dense layers of 64 (the first and last outside the blocks),
 * Adam lr 1e-3. The claim holds when, at the two largest depths, the residual network's final training loss is
 * below the plain one's on every seed.
 */
final class ResidualExperiment implements Experiment {
    @Override
    public String name() {
        return "residual";
    }

    @Override
    public String title() {
        return "Residual connections: plain vs residual MLP at depth 10, 30, 50";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String claim() {
        return "A plain tanh MLP trains worse the deeper it is, while the same network with residual connections"
                + " keeps training: at depth 30 and 50 the residual network's final loss is below the plain one's on"
                + " every seed.";
    }

    static final int[] DEPTHS = {10, 30, 50};

    static String id(boolean residual, int depth) {
        return (residual ? "residual-d" : "plain-d") + depth;
    }

    @Override
    public List<Point> grid(boolean quick) {
        int epochs = quick ? 4 : 15;
        int samples = 1500;
        List<Point> points = new ArrayList<>();
        for (int depth : DEPTHS) {
            for (boolean residual : new boolean[] {false, true}) {
                String block = residual ? "[{residual: [{dense: 64}, tanh]}]" : "[{dense: 64}, tanh]";
                String yaml = "model:\n  input: 2\n  layers:\n    - dense: 64\n    - tanh\n    - repeat: {times: "
                        + (depth - 2) + ", layers: " + block + "}\n    - dense: 3\n" + Specs.spirals(samples)
                        + "loss: cross_entropy\noptimizer: {name: adam, lr: 0.001}\n" + Specs.training(epochs, 32, 0.2);
                points.add(Point.train(id(residual, depth), (residual ? "residual, " : "plain, ") + depth + " layers",
                        yaml, 10, depth * epochs * (residual ? 1.2 : 1)));
            }
        }
        return points;
    }

    @Override
    public Analysis analyze(Results r) {
        ResultTable t = new ResultTable("depth", "plain: final train loss", "plain: validation accuracy",
                "residual: final train loss", "residual: validation accuracy", "residual below plain on every seed");
        boolean held = true;
        for (int depth : DEPTHS) {
            double[] plain = r.values(id(false, depth), "final_train_loss");
            double[] res = r.values(id(true, depth), "final_train_loss");
            boolean below = true;
            for (int i = 0; i < plain.length; i++) {
                below &= res[i] < plain[i] || (Double.isFinite(res[i]) && !Double.isFinite(plain[i]));
            }
            if (depth != DEPTHS[0]) {
                held &= below;
            }
            t.row(depth, r.spread(id(false, depth), "final_train_loss").toString(),
                    accuracy(r, id(false, depth)), r.spread(id(true, depth), "final_train_loss").toString(),
                    accuracy(r, id(true, depth)), depth == DEPTHS[0] ? (below ? "yes" : "no") + " (not claimed)" : below);
        }
        LinePlot loss = new LinePlot("Final training loss vs depth", "dense layers", "final train loss").markers()
                .size(900, 480).hline("chance, ln 3", Math.log(3));
        for (boolean residual : new boolean[] {false, true}) {
            double[] x = new double[DEPTHS.length];
            double[] y = new double[DEPTHS.length];
            for (int k = 0; k < DEPTHS.length; k++) {
                x[k] = DEPTHS[k];
                y[k] = r.spread(id(residual, DEPTHS[k]), "final_train_loss").mean();
            }
            loss.add(new Series(residual ? "residual" : "plain", x, y));
        }
        int deepest = DEPTHS[DEPTHS.length - 1];
        Map<String, double[]> lines = new LinkedHashMap<>();
        lines.put("plain, " + deepest + " layers", r.geometricMeanSeries(id(false, deepest), "grad_b"));
        lines.put("residual, " + deepest + " layers", r.geometricMeanSeries(id(true, deepest), "grad_b"));
        Figure profile = Plots.perLayer("residual-gradients.png", "Bias-gradient norm per layer, depth " + deepest,
                "||dL/db_l||", lines, "Each layer's bias-gradient norm over the first 10 steps (geometric mean over"
                        + " seeds): the plain stack's gradient vanishes toward the input, the residual one's does not.");
        Figure fig = new Figure("residual-loss.png", "Final training loss (mean over seeds) against depth: the plain"
                + " network's rises to chance (ln 3), the residual network's stays low.", loss.png());
        String outcome = "final loss at depth " + deepest + ": plain " + r.spread(id(false, deepest),
                "final_train_loss") + ", residual " + r.spread(id(true, deepest), "final_train_loss");
        return new Analysis(t, held, outcome, List.of(fig, profile), "Spirals (1500 points), dense 64 + tanh with"
                + " PyTorch's default init, residual blocks y = x + tanh(W x + b), Adam lr 1e-3, batch 32."
                + " Depth counts dense layers (the first and the output layer sit outside the blocks).");
    }

    private static String accuracy(Results r, String id) {
        Spread s = r.spread(id, "final_val_accuracy");
        return s.min() == s.max() ? Num.pct(s.mean())
                : Num.pct(s.mean()) + " (" + Num.pct(s.min()) + ".." + Num.pct(s.max()) + ")";
    }
}
