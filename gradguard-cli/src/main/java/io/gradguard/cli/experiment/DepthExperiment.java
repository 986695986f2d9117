package io.gradguard.cli.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Experiment 1, depth and the chain rule. The seeds' one-neuron chain {@code dC/db1 = sigma'(z1) w2 sigma'(z2)
 * w3 ... dC/da4} with {@code sigma' <= 1/4}: in a sigmoid MLP each layer multiplies the backpropagated
 * signal by about {@code |w| sigma'(z)}, so the bias gradients {@code dC/db_l} (the seeds' figure of four
 * hidden layers, after Nielsen ch. 5) fall geometrically toward the input. ReLU passes the gradient with
 * derivative 1 where active and He initialisation ({@code std = sqrt(2 / fan_in)}, He et al. 2015) makes
 * the expected squared norm the same at every layer, so the profile stays flat.
 *
 * <p>Measured: each hidden layer's bias-gradient norm, geometric mean over the first 10 steps, and the
 * least-squares factor per layer toward the input over the hidden layers ({@link Fit#growthTowardInput}).
 * The claim holds when every sigmoid run has a factor below {@value #VANISHING} and every ReLU+He run one in
 * [{@value #FLAT_LO}, {@value #FLAT_HI}].
 */
final class DepthExperiment implements Experiment {
    static final double VANISHING = 0.5;
    static final double FLAT_LO = 2.0 / 3;
    static final double FLAT_HI = 1.5;
    private static final int WIDTH = 32;

    @Override
    public String name() {
        return "depth";
    }

    @Override
    public String title() {
        return "Depth and the chain rule";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String claim() {
        return "Per-layer gradient norms of a deep sigmoid MLP fall geometrically toward the input (factor < "
                + Num.fmt(VANISHING) + " per layer); with ReLU and He initialisation they stay flat (factor in ["
                + Num.fmt(FLAT_LO) + ", " + Num.fmt(FLAT_HI) + "]), on every seed and depth.";
    }

    private static int[] depths(boolean quick) {
        return quick ? new int[] {4, 10} : new int[] {4, 10, 20};
    }

    @Override
    public List<Point> grid(boolean quick) {
        List<Point> points = new ArrayList<>();
        int epochs = quick ? 2 : 10;
        for (int depth : depths(quick)) {
            for (String act : List.of("sigmoid", "relu")) {
                String init = act.equals("sigmoid") ? "xavier_normal" : "he_normal";
                String yaml = "model:\n  input: 2\n  init: " + init + "\n  layers:\n" + Specs.stack(depth, WIDTH, act)
                        + "    - dense: 3\n" + Specs.spirals(1000) + "loss: cross_entropy\n"
                        + "optimizer: {name: sgd, lr: 0.1}\n" + Specs.training(epochs, 32, 0.2);
                points.add(Point.train(id(act, depth), label(act, depth), yaml, 10, depth * epochs));
            }
        }
        return points;
    }

    private static String id(String act, int depth) {
        return act + "-d" + depth;
    }

    private static String label(String act, int depth) {
        return (act.equals("sigmoid") ? "sigmoid + Glorot" : "ReLU + He") + ", " + depth + " hidden layers";
    }

    @Override
    public Analysis analyze(Results r) {
        ResultTable t = new ResultTable("activation + init", "hidden layers", "factor per layer toward the input",
                "first / last hidden-layer gradient", "final train loss", "as claimed on every seed");
        boolean held = true;
        Map<String, double[]> lines = new LinkedHashMap<>();
        String sigmoidDeep = "";
        String reluDeep = "";
        for (Point p : r.points()) {
            boolean sigmoid = p.id().startsWith("sigmoid");
            int depth = Integer.parseInt(p.id().substring(p.id().indexOf("-d") + 2));
            double[] growth = new double[r.seeds().size()];
            double[] ratio = new double[growth.length];
            boolean ok = true;
            for (int i = 0; i < growth.length; i++) {
                double[] b = r.get(p.id(), r.seeds().get(i)).series("grad_b");
                growth[i] = Fit.growthTowardInput(b, 0, depth);
                ratio[i] = b[0] / b[depth - 1];
                ok &= sigmoid ? growth[i] < VANISHING : growth[i] >= FLAT_LO && growth[i] <= FLAT_HI;
            }
            held &= ok;
            Spread g = Spread.geometric(growth);
            t.row(sigmoid ? "sigmoid + Glorot normal" : "ReLU + He normal", depth, g.toString(),
                    Spread.geometric(ratio).toString(), r.spread(p.id(), "final_train_loss").toString(), ok);
            double[] mean = r.geometricMeanSeries(p.id(), "grad_b");
            lines.put(p.label(), java.util.Arrays.copyOf(mean, depth));
            if (sigmoid) {
                sigmoidDeep = "sigmoid x" + g + " per layer at depth " + depth;
            } else {
                reluDeep = "ReLU+He x" + g;
            }
        }
        Figure fig = Plots.perLayer("depth-gradients.png", "Bias-gradient norm per hidden layer (first 10 steps)",
                "||dL/db_l||", lines, "Each hidden layer's bias-gradient norm dC/db_l (geometric mean over the first"
                        + " 10 steps and over seeds), input side on the left: sigmoid falls geometrically toward the"
                        + " input, ReLU with He init stays flat.");
        String notes = "The factor is exp(-slope) of a least-squares line through ln ||dC/db_l|| over the hidden"
                + " layers l (bias gradients are the seeds' dC/db chain-rule product, free of the activations that"
                + " multiply into weight gradients). Spirals (1000 points, 3 classes), width " + WIDTH
                + ", SGD lr 0.1, batch 32.";
        return new Analysis(t, held, sigmoidDeep + "; " + reluDeep, List.of(fig), notes);
    }
}
