package io.gradguard.cli.experiment;

import io.gradguard.cli.plot.LinePlot;
import io.gradguard.cli.plot.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * Experiment 8, recurrent networks on the adding problem (Hochreiter and Schmidhuber 1997): each sequence is
 * {@code length} steps of (value, marker) and the target is the sum of the two marked values; always
 * predicting the mean scores MSE 1/6. A vanilla tanh RNN whose recurrent weight has spectral radius 1.5
 * (orthogonal, gain 1.5: above 1, Pascanu et al. 2013's necessary condition for explosion) trained by SGD
 * multiplies its gradient through time until it overflows; global-norm clipping (Pascanu et al.'s remedy,
 * max_norm 1) keeps the run finite; an LSTM's additive cell path carries the gradient without exploding.
 *
 * <p>The claim is about the gradients: it holds when, at every length and on every seed, the unclipped RNN's
 * loss becomes NaN/Inf, the clipped RNN's stays finite, and the LSTM (no clipping) stays finite with a largest
 * gradient norm below {@value #LSTM_MAX_NORM}. Validation MSE is reported beside it: whether the LSTM learns
 * the task (leaves the 1/6 plateau) takes more examples than the quick grid gives it.
 */
final class RecurrentExperiment implements Experiment {
    static final double LSTM_MAX_NORM = 100;
    static final int[] LENGTHS = {50, 100, 200};

    @Override
    public String name() {
        return "recurrent";
    }

    @Override
    public String title() {
        return "Recurrent networks on the adding problem: RNN, clipped RNN, LSTM";
    }

    @Override
    public int version() {
        return 2; // 2: the unclipped RNN stops at its first NaN/Inf loss
    }

    @Override
    public String claim() {
        return "At lengths 50, 100 and 200 a vanilla RNN with recurrent spectral radius 1.5 explodes (loss NaN/Inf),"
                + " global-norm clipping keeps it finite, and an LSTM needs no clipping: its gradient norm stays below "
                + Num.fmt(LSTM_MAX_NORM) + ", on every seed.";
    }

    static String id(String model, int length) {
        return model + "-t" + length;
    }

    @Override
    public List<Point> grid(boolean quick) {
        int samples = quick ? 2000 : 10000;
        int epochs = quick ? 2 : 15;
        List<Point> points = new ArrayList<>();
        for (int length : LENGTHS) {
            String data = "data: {name: adding, samples: " + samples + ", length: " + length + "}\nloss: mse\n";
            String training = Specs.training(epochs, 64, 0.1);
            String rnnModel = "model:\n  input: [" + length + ", 2]\n  layers:\n"
                    + "    - rnn: {hidden_size: 32, nonlinearity: tanh, init: {name: orthogonal, gain: 1.5}}\n"
                    + "    - last_step\n    - dense: 1\n" + data;
            String sgd = "optimizer: {name: sgd, lr: 0.1}\n";
            String rnn = rnnModel + training + sgd;
            // The unclipped RNN is measured until its loss turns NaN/Inf: training it further costs time and shows
            // nothing (Keras's TerminateOnNaN; its first NaN step and largest gradient norm are unchanged).
            String rnnToNan = rnnModel + Specs.trainingUntilNan(epochs, 64, 0.1) + sgd;
            String lstm = "model:\n  input: [" + length + ", 2]\n  layers:\n    - lstm: 16\n    - last_step\n"
                    + "    - dense: 1\n" + data + training + "optimizer: {name: adam, lr: 0.02}\n";
            double cost = (double) length * epochs * samples / 1000;
            points.add(Point.train(id("rnn", length), "RNN, length " + length, rnnToNan, 1, cost / 10));
            points.add(Point.train(id("rnn-clip", length), "RNN + global-norm clip 1, length " + length, rnn
                    + "guard:\n  clip: {name: global_norm, max_norm: 1.0}\n  detectors: " + Specs.NO_DETECTORS
                    + "\n  trace_limit: 0\n", 1, cost));
            points.add(Point.train(id("lstm", length), "LSTM, length " + length, lstm, 1, 2.5 * cost));
        }
        return points;
    }

    @Override
    public Analysis analyze(Results r) {
        ResultTable t = new ResultTable("length", "RNN: first NaN/Inf step", "RNN: largest gradient norm",
                "RNN + clip: validation MSE", "RNN + clip: largest raw gradient norm", "LSTM: validation MSE",
                "LSTM: largest gradient norm", "as claimed on every seed");
        boolean held = true;
        for (int length : LENGTHS) {
            boolean ok = true;
            for (long s : r.seeds()) {
                Outcome rnn = r.get(id("rnn", length), s);
                Outcome clip = r.get(id("rnn-clip", length), s);
                Outcome lstm = r.get(id("lstm", length), s);
                double clipMse = clip.value("final_val_loss");
                ok &= !Double.isNaN(rnn.value("first_nonfinite_step"))
                        && Double.isNaN(clip.value("first_nonfinite_step")) && Double.isFinite(clipMse)
                        && Double.isNaN(lstm.value("first_nonfinite_step"))
                        && lstm.value("max_grad_norm") < LSTM_MAX_NORM;
            }
            held &= ok;
            t.row(length, r.spread(id("rnn", length), "first_nonfinite_step").toString(),
                    Spread.geometric(r.values(id("rnn", length), "max_grad_norm")).toString(),
                    r.spread(id("rnn-clip", length), "final_val_loss").toString(),
                    Spread.geometric(r.values(id("rnn-clip", length), "max_grad_norm")).toString(),
                    r.spread(id("lstm", length), "final_val_loss").toString(),
                    Spread.geometric(r.values(id("lstm", length), "max_grad_norm")).toString(), ok);
        }
        int mid = LENGTHS[1];
        long seed = r.seeds().get(0);
        java.util.Map<String, double[]> norms = new java.util.LinkedHashMap<>();
        for (String m : List.of("rnn", "rnn-clip", "lstm")) {
            norms.put(r.point(id(m, mid)).label(), r.get(id(m, mid), seed).series("grad_norm"));
        }
        LinePlot loss = new LinePlot("Training loss per step, length " + mid + " (seed " + seed + ")", "step",
                "training MSE").logY().size(900, 480).hline("predict the mean, 1/6", 1.0 / 6);
        for (String m : List.of("rnn-clip", "lstm")) {
            loss.add(Series.of(r.point(id(m, mid)).label(), r.get(id(m, mid), seed).series("loss")));
        }
        String outcome = "RNN NaN/Inf from step " + r.spread(id("rnn", mid), "first_nonfinite_step") + " at length "
                + mid + "; validation MSE at length " + mid + ": clipped RNN " + r.spread(id("rnn-clip", mid),
                "final_val_loss") + ", LSTM " + r.spread(id("lstm", mid), "final_val_loss") + " (baseline 0.167)";
        return new Analysis(t, held, outcome, List.of(Plots.perStep("recurrent-grad-norm.png", "Gradient norm per"
                + " step, length " + mid + " (seed " + seed + ")", "global gradient norm (before clipping)", norms,
                "The global gradient norm at every step at length " + mid + ": the unclipped RNN's grows"
                + " geometrically until it overflows; the clipped RNN's raw norm stays large but finite; the LSTM's"
                + " stays small."), new Figure("recurrent-loss.png", "Training MSE at every step at length " + mid
                + " for the clipped RNN and the LSTM (the unclipped RNN's overflows); predicting the mean scores 1/6,"
                + " and only an LSTM trained long enough (the full grid) gets below it.", loss.png())),
                "Adding problem with " + (r.quick() ? "2000" : "10000") + " sequences (10% validation). RNN: hidden"
                        + " 32, tanh, weight_hh orthogonal with gain 1.5, SGD lr 0.1, batch 64 (examples/rnn-adding."
                        + "yaml). Clipping by the guard with no detectors. LSTM: hidden 16, PyTorch's init, Adam lr"
                        + " 0.02 (examples/lstm-adding.yaml). Largest gradient norms are before clipping, over the"
                        + " finite steps. The LSTM leaves the 1/6 plateau after some 40,000-90,000 sequences at length"
                        + " 100 (examples/lstm-adding.yaml), so only the full grid shows it learning.");
    }
}
