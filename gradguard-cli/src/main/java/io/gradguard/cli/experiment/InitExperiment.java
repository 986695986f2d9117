package io.gradguard.cli.experiment;

import io.gradguard.analysis.MeanField;
import io.gradguard.autograd.Activation;
import io.gradguard.cli.plot.BarPlot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Experiment 2, initialisation. Weights {@code N(0, std^2)} with fan-in {@code n} multiply the backpropagated
 * signal by about {@code std sqrt(n)} times the activation's mean derivative per layer; mean-field theory
 * (Schoenholz et al. 2017) makes that exact for wide layers: the factor is {@code sqrt(chi_1)},
 * {@code chi_1 = sigma_w^2 E[phi'(sqrt(q*) z)^2]} with {@code sigma_w^2 = std^2 n} and the bias variance
 * {@code sigma_b^2 = 1 / (3 n)} of PyTorch's default bias init. normal(std=1) is far in the chaotic phase
 * (exploding), std=0.01 far in the ordered one (vanishing); He ({@code std = sqrt(2/n)}, ReLU) and Glorot
 * ({@code std = sqrt(2/(n_in + n_out))}, tanh) sit at the edge ({@code chi_1 ~ 1}).
 *
 * <p>Measured at initialisation (step 0) two ways: the least-squares factor per layer of the bias-gradient
 * norms over the hidden layers (the seeds' {@code dC/db} chain), and {@code gradguard inspect}'s measured gain
 * of {@code ||dL/dz_l||} (geometric mean over the layers). The claim holds when, on every seed, the factor
 * is above {@value #EXPLODING} for std=1, below {@value #VANISHING} for std=0.01, in [{@value #HEALTHY_LO},
 * {@value #HEALTHY_HI}] for He/Glorot, and within a factor {@value #AGREEMENT} of {@code sqrt(chi_1)}.
 */
final class InitExperiment implements Experiment {
    static final double EXPLODING = 1.5;
    static final double VANISHING = 2.0 / 3;
    static final double HEALTHY_LO = 0.8;
    static final double HEALTHY_HI = 1.25;
    static final double AGREEMENT = 1.3;
    static final int WIDTH = 64;
    static final double SMALL_STD = 0.01;

    @Override
    public String name() {
        return "init";
    }

    @Override
    public String title() {
        return "Initialisation: normal(std=1) explodes, small std vanishes, He/Glorot stay healthy";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String claim() {
        return "In a deep ReLU or tanh MLP, weights drawn from normal(std=1) make the backpropagated gradient grow"
                + " per layer toward the input (factor > " + Num.fmt(EXPLODING) + "), normal(std=" + SMALL_STD
                + ") makes it vanish (< " + Num.fmt(VANISHING) + "), He (ReLU) and Glorot (tanh) keep it near 1 (["
                + Num.fmt(HEALTHY_LO) + ", " + Num.fmt(HEALTHY_HI) + "]), and the measured factor is within x"
                + Num.fmt(AGREEMENT) + " of the mean-field prediction sqrt(chi_1), on every seed.";
    }

    private record Config(String act, String init, String id, String label, double std) {
    }

    private static List<Config> configs() {
        List<Config> c = new ArrayList<>();
        for (String act : List.of("relu", "tanh")) {
            c.add(new Config(act, "{name: normal, std: 1.0}", act + "-std1", act + ", normal(std=1)", 1.0));
            c.add(new Config(act, "{name: normal, std: " + SMALL_STD + "}", act + "-small",
                    act + ", normal(std=" + SMALL_STD + ")", SMALL_STD));
            boolean relu = act.equals("relu");
            c.add(new Config(act, relu ? "he_normal" : "xavier_normal", act + (relu ? "-he" : "-glorot"),
                    act + (relu ? ", He normal" : ", Glorot normal"),
                    relu ? Math.sqrt(2.0 / WIDTH) : Math.sqrt(2.0 / (WIDTH + WIDTH))));
        }
        return c;
    }

    static int depth(boolean quick) {
        return quick ? 20 : 30;
    }

    @Override
    public List<Point> grid(boolean quick) {
        int depth = depth(quick);
        int epochs = quick ? 2 : 5;
        List<Point> points = new ArrayList<>();
        for (Config c : configs()) {
            String yaml = "model:\n  input: 2\n  init: " + c.init() + "\n  layers:\n"
                    + Specs.stack(depth, WIDTH, c.act()) + "    - dense: 3\n" + Specs.spirals(1000)
                    + "loss: cross_entropy\noptimizer: {name: sgd, lr: 0.01}\n" + Specs.training(epochs, 32, 0.2);
            points.add(Point.inspectedTrain(c.id(), c.label(), yaml, 1, depth * epochs));
        }
        return points;
    }

    /** {@code sqrt(chi_1)} at {@code sigma_w^2 = std^2 n}, {@code sigma_b^2 = 1/(3n)}. */
    static double predicted(String act, double std) {
        Activation phi = act.equals("relu") ? new Activation.ReLU() : new Activation.Tanh();
        return new MeanField(phi).at(std * std * WIDTH, 1.0 / (3 * WIDTH)).growthPerLayer();
    }

    @Override
    public Analysis analyze(Results r) {
        int depth = depth(r.quick());
        ResultTable t = new ResultTable("configuration", "predicted factor sqrt(chi_1)",
                "measured factor (bias gradients)", "measured gain (inspect)", "first / last hidden-layer gradient",
                "final train loss", "as claimed on every seed");
        boolean held = true;
        Map<String, double[]> lines = new LinkedHashMap<>();
        StringBuilder outcome = new StringBuilder();
        for (Config c : configs()) {
            double predicted = predicted(c.act(), c.std());
            double[] growth = new double[r.seeds().size()];
            double[] ratio = new double[growth.length];
            boolean ok = true;
            for (int i = 0; i < growth.length; i++) {
                double[] b = r.get(c.id(), r.seeds().get(i)).series("grad_b0");
                growth[i] = Fit.growthTowardInput(b, 0, depth);
                ratio[i] = b[0] / b[depth - 1];
                double g = growth[i];
                boolean direction = c.std() == 1.0 ? g > EXPLODING : c.std() == SMALL_STD ? g < VANISHING
                        : g >= HEALTHY_LO && g <= HEALTHY_HI;
                boolean agrees = g <= predicted * AGREEMENT && g >= predicted / AGREEMENT;
                ok &= direction && agrees;
            }
            held &= ok;
            Spread g = Spread.geometric(growth);
            t.row(c.label(), predicted, g.toString(), Spread.geometric(r.values(c.id(), "inspect_gain")).toString(),
                    Spread.geometric(ratio).toString(), r.spread(c.id(), "final_train_loss").toString(), ok);
            lines.put(c.label(), java.util.Arrays.copyOf(r.geometricMeanSeries(c.id(), "grad_b0"), depth));
            outcome.append(outcome.length() == 0 ? "" : "; ").append(c.id()).append(" x").append(Num.fmt(g.mean()))
                    .append(" (predicted ").append(Num.fmt(predicted)).append(")");
        }
        Figure profile = Plots.perLayer("init-gradients.png", "Bias-gradient norm per hidden layer at step 0, "
                + depth + " layers", "||dL/db_l||", lines, "Bias-gradient norm of each hidden layer at "
                + "initialisation (geometric mean over seeds), input side on the left: normal(std=1) explodes toward"
                + " the input, std=" + SMALL_STD + " vanishes, He/Glorot stay flat.");
        Figure agree = agreement(r, depth);
        String notes = "Measured factor: exp(-slope) of a least-squares line through ln ||dC/db_l|| over the " + depth
                + " hidden layers at step 0. Inspect's gain: ||dL/dz_l|| / ||dL/dz_(l+1)|| over three batches"
                + " (gradguard inspect; written to each run's inspection.json). Prediction: analysis.MeanField at"
                + " sigma_w^2 = std^2 * " + WIDTH + ", sigma_b^2 = 1/(3 * " + WIDTH + "). Width " + WIDTH
                + ", spirals, SGD lr 0.01; a NaN final loss is the explosion reaching the weights.";
        return new Analysis(t, held, outcome.toString(), List.of(profile, agree), notes);
    }

    private Figure agreement(Results r, int depth) {
        List<String> names = new ArrayList<>();
        double[] predicted = new double[configs().size()];
        double[] measured = new double[predicted.length];
        int i = 0;
        for (Config c : configs()) {
            names.add(c.act() + " " + (c.std() == 1.0 ? "std=1" : c.std() == SMALL_STD ? "std=" + SMALL_STD
                    : c.act().equals("relu") ? "He" : "Glorot"));
            predicted[i] = predicted(c.act(), c.std());
            double[] g = new double[r.seeds().size()];
            for (int k = 0; k < g.length; k++) {
                g[k] = Fit.growthTowardInput(r.get(c.id(), r.seeds().get(k)).series("grad_b0"), 0, depth);
            }
            measured[i++] = Spread.geometric(g).mean();
        }
        byte[] png = new BarPlot("Gradient factor per layer toward the input", "activation, initialisation",
                "factor per layer (log)").logY().categories(names).add("predicted sqrt(chi_1) (mean field)", predicted)
                .add("measured (bias gradients, mean over seeds)", measured).size(900, 480).png();
        return new Figure("init-agreement.png", "The factor by which each layer multiplies the backpropagated "
                + "gradient, predicted by mean-field theory and measured at step 0: above 1 explodes, below 1 "
                + "vanishes.", png);
    }
}
