package io.gradguard.cli.experiment;

import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Experiment 3, activations at depth 20. The seeds: sigmoid's derivative is at most 1/4, so a deep sigmoid
 * stack vanishes; ReLU's is 1 where active, but 0 where not, so units can die; LeakyReLU ({@code
 * negative_slope}) and ELU keep a gradient on the negative side, so no unit dies. Each activation gets its
 * usual initialisation (Glorot for sigmoid and tanh, He for the ReLU family) and the same data and optimiser.
 *
 * <p>Measured: the first/last hidden-layer bias-gradient ratio (geometric mean over the first 10 steps), the
 * fraction of dead units at the end (units whose gradient is exactly zero on a whole batch, mean of the last
 * five probes), and the final training loss. The claim holds when, on every seed, sigmoid's ratio is below
 * {@value #SIGMOID_RATIO} and its loss within {@value #CHANCE_TOLERANCE} of chance (ln 3), ReLU, LeakyReLU and
 * ELU keep the ratio within two decades of 1 ([{@value #FLAT_LO}, {@value #FLAT_HI}]; ELU with He init
 * grows mildly, about 1.1 per layer) and end below sigmoid's loss, and LeakyReLU and
 * ELU have no dead units.
 */
final class ActivationsExperiment implements Experiment {
    static final double SIGMOID_RATIO = 1e-3;
    static final double CHANCE_TOLERANCE = 0.05;
    static final double FLAT_LO = 0.01;
    static final double FLAT_HI = 100;
    static final int DEPTH = 20;
    static final int WIDTH = 32;
    private static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "leaky_relu", "elu");

    @Override
    public String name() {
        return "activations";
    }

    @Override
    public String title() {
        return "Activations at depth " + DEPTH + ": sigmoid, tanh, ReLU, LeakyReLU, ELU";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String claim() {
        return "At depth " + DEPTH + " the sigmoid's gradient vanishes (first/last-layer ratio < "
                + Num.fmt(SIGMOID_RATIO) + ") and its loss stays at chance, while ReLU, LeakyReLU and ELU keep the"
                + " ratio within two decades of 1 ([" + Num.fmt(FLAT_LO) + ", " + Num.fmt(FLAT_HI) + "]) and train to a"
                + " lower loss;"
                + " LeakyReLU and ELU have no dead units, on every seed.";
    }

    @Override
    public List<Point> grid(boolean quick) {
        int epochs = quick ? 5 : 20;
        List<Point> points = new ArrayList<>();
        for (String act : ACTIVATIONS) {
            String init = act.equals("sigmoid") || act.equals("tanh") ? "xavier_normal" : "he_normal";
            String yaml = "model:\n  input: 2\n  init: " + init + "\n  layers:\n" + Specs.stack(DEPTH, WIDTH, act)
                    + "    - dense: 3\n" + Specs.spirals(1000) + "loss: cross_entropy\n"
                    + "optimizer: {name: adam, lr: 0.001}\n" + Specs.training(epochs, 32, 0.2);
            points.add(Point.train(act.replace('_', '-'), act, yaml, 10, epochs));
        }
        return points;
    }

    @Override
    public Analysis analyze(Results r) {
        ResultTable t = new ResultTable("activation", "first / last hidden-layer gradient", "dead units at the end",
                "final train loss", "final validation accuracy", "as claimed on every seed");
        double[] sigmoidLoss = r.values("sigmoid", "final_train_loss");
        boolean held = true;
        Map<String, double[]> lines = new LinkedHashMap<>();
        double[] ratios = new double[ACTIVATIONS.size()];
        double[] deads = new double[ratios.length];
        int k = 0;
        for (String act : ACTIVATIONS) {
            String id = act.replace('_', '-');
            double[] ratio = new double[r.seeds().size()];
            double[] dead = r.values(id, "dead_fraction");
            double[] loss = r.values(id, "final_train_loss");
            boolean ok = true;
            for (int i = 0; i < ratio.length; i++) {
                double[] b = r.get(id, r.seeds().get(i)).series("grad_b");
                ratio[i] = b[0] / b[DEPTH - 1];
                ok &= switch (act) {
                    case "sigmoid" -> ratio[i] < SIGMOID_RATIO
                            && Math.abs(loss[i] - Math.log(3)) <= CHANCE_TOLERANCE;
                    case "relu" -> ratio[i] >= FLAT_LO && ratio[i] <= FLAT_HI && loss[i] < sigmoidLoss[i];
                    case "leaky_relu", "elu" -> ratio[i] >= FLAT_LO && ratio[i] <= FLAT_HI
                            && loss[i] < sigmoidLoss[i] && dead[i] == 0;
                    default -> true; // tanh: reported, not part of the claim
                };
            }
            held &= ok;
            Spread g = Spread.geometric(ratio);
            t.row(act, g.toString(), pct(Spread.of(dead)), r.spread(id, "final_train_loss").toString(),
                    pct(r.spread(id, "final_val_accuracy")), act.equals("tanh") ? "(not claimed)" : ok);
            lines.put(act, java.util.Arrays.copyOf(r.geometricMeanSeries(id, "grad_b"), DEPTH));
            ratios[k] = g.mean();
            deads[k++] = Spread.of(dead).mean();
        }
        Figure profile = Plots.perLayer("activations-gradients.png", "Bias-gradient norm per hidden layer, depth "
                + DEPTH, "||dL/db_l||", lines, "Each hidden layer's bias-gradient norm over the first 10 steps "
                + "(geometric mean over seeds): sigmoid vanishes toward the input, the ReLU family stays level.");
        LinePlot deadPlot = new LinePlot("Dead units during training", "step", "fraction of hidden units dead")
                .size(900, 480);
        for (String act : ACTIVATIONS) {
            double[] d = r.meanSeries(act.replace('_', '-'), "dead");
            double[] x = new double[d.length];
            java.util.Arrays.setAll(x, i -> i * Probe.EVERY);
            deadPlot.add(new Series(act, x, d));
        }
        Figure bars = new Figure("activations-dead.png", "Fraction of hidden units whose gradient is exactly zero "
                + "on the whole batch (dead), every " + Probe.EVERY + " steps, mean over seeds: a share of ReLU units "
                + "pass no gradient for any example of a batch; LeakyReLU and ELU keep one on the negative side.",
                deadPlot.png());
        String outcome = "first/last gradient: sigmoid " + Num.fmt(ratios[0]) + ", ReLU " + Num.fmt(ratios[2])
                + ", LeakyReLU " + Num.fmt(ratios[3]) + ", ELU " + Num.fmt(ratios[4]) + "; dead units: ReLU "
                + Num.pct(deads[2]) + ", LeakyReLU " + Num.pct(deads[3]) + ", ELU " + Num.pct(deads[4]);
        String notes = "Depth " + DEPTH + ", width " + WIDTH + ", spirals (1000 points), SGD lr 0.02 momentum 0.9,"
                + " batch 32. Glorot normal init for sigmoid and tanh, He normal for the ReLU family. Chance is"
                + " ln 3 = 1.0986.";
        return new Analysis(t, held, outcome, List.of(profile, bars), notes);
    }

    private static String pct(Spread s) {
        if (!s.allFinite()) {
            return s.toString();
        }
        return s.min() == s.max() ? Num.pct(s.mean())
                : Num.pct(s.mean()) + " (" + Num.pct(s.min()) + ".." + Num.pct(s.max()) + ")";
    }
}
