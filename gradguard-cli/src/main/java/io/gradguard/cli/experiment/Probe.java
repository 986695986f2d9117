package io.gradguard.cli.experiment;

import io.gradguard.nn.Parameter;
import io.gradguard.train.EpochMetrics;
import io.gradguard.train.StepAction;
import io.gradguard.train.StepContext;
import io.gradguard.train.StepHook;
import io.gradguard.train.StepMetrics;
import io.gradguard.train.TrainListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures a training run for an experiment, seeing each step's raw gradients before faults, the guard and
 * the optimiser. A weight layer is a parameter of rank >= 2 named {@code PREFIX.weight*} (dense, conv,
 * recurrent); its bias is {@code PREFIX.bias*}. Norms accumulate float squares in double (overflow-safe).
 * <ul>
 * <li>{@code grad_w0}, {@code grad_b0}: each weight layer's weight- and bias-gradient L2 norm at step 0, input
 * side first; {@code grad_w}, {@code grad_b}: their geometric mean over the first {@code probeSteps} steps
 * (finite, positive values only);</li>
 * <li>{@code dead}: every {@value #EVERY} steps, the fraction of units (rows of each weight but the output
 * layer's) whose gradient is exactly zero on the batch, averaged over layers (dead ReLU units);</li>
 * <li>{@code weight_norm}: every {@value #EVERY} steps, the L2 norm of all weight layers' weights;</li>
 * <li>{@code loss}, {@code grad_norm}: every step's loss and global gradient norm (before clipping);</li>
 * <li>{@code max_grad_norm}: the largest finite global gradient norm (NaN if none), {@code initial_loss},
 * {@code dead_fraction} (the mean of the last five {@code dead} probes), {@code final_weight_norm}.</li>
 * </ul>
 */
final class Probe implements StepHook, TrainListener {
    static final int EVERY = 10;
    private final int probeSteps;
    private Map<String, List<Parameter>> weights;
    private Map<String, List<Parameter>> biases;
    private final List<double[]> firstW = new ArrayList<>();
    private final List<double[]> firstB = new ArrayList<>();
    private final List<Double> dead = new ArrayList<>();
    private final List<Double> weightNorm = new ArrayList<>();
    private final List<Double> loss = new ArrayList<>();
    private final List<Double> gradNorm = new ArrayList<>();
    private final List<EpochMetrics> epochs = new ArrayList<>();

    Probe(int probeSteps) {
        this.probeSteps = probeSteps;
    }

    @Override
    public StepAction afterBackward(StepContext step) {
        if (weights == null) {
            group(step.parameters());
        }
        if (step.step() < probeSteps) {
            firstW.add(norms(weights, true));
            firstB.add(norms(biases, true));
        }
        if (step.step() % EVERY == 0) {
            dead.add(deadFraction());
            weightNorm.add(total(norms(weights, false)));
        }
        return StepAction.PROCEED;
    }

    @Override
    public void onStep(StepMetrics m) {
        loss.add(m.loss());
        gradNorm.add(m.gradNorm());
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        epochs.add(m);
    }

    /** Adds the measurements to {@code out}. */
    void addTo(Outcome.Builder out) {
        if (!firstW.isEmpty()) {
            out.series("grad_w0", firstW.get(0)).series("grad_b0", firstB.get(0));
            out.series("grad_w", geometricMean(firstW)).series("grad_b", geometricMean(firstB));
        }
        out.series("dead", unbox(dead)).series("weight_norm", unbox(weightNorm));
        out.series("loss", unbox(loss)).series("grad_norm", unbox(gradNorm));
        out.series("epoch_train_loss", epochs.stream().mapToDouble(EpochMetrics::trainLoss).toArray());
        out.series("epoch_val_loss", epochs.stream().mapToDouble(EpochMetrics::valLoss).toArray());
        out.series("epoch_val_accuracy", epochs.stream().mapToDouble(EpochMetrics::valAccuracy).toArray());
        int last = Math.min(5, dead.size());
        double d = 0;
        for (int i = dead.size() - last; i < dead.size(); i++) {
            d += dead.get(i);
        }
        out.put("dead_fraction", last == 0 ? Double.NaN : d / last);
        out.put("initial_loss", loss.isEmpty() ? Double.NaN : loss.get(0));
        double max = Double.NaN;
        for (double g : gradNorm) {
            max = Double.isFinite(g) && !(g <= max) ? g : max;
        }
        out.put("max_grad_norm", max);
        if (weights != null) {
            out.put("final_weight_norm", total(norms(weights, false)));
        }
    }

    private void group(Map<String, Parameter> params) {
        weights = new LinkedHashMap<>();
        biases = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            int dot = e.getKey().lastIndexOf('.');
            String prefix = dot < 0 ? "" : e.getKey().substring(0, dot);
            String leaf = e.getKey().substring(dot + 1);
            if (leaf.startsWith("weight") && e.getValue().value().rank() >= 2) {
                weights.computeIfAbsent(prefix, k -> new ArrayList<>()).add(e.getValue());
            }
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            int dot = e.getKey().lastIndexOf('.');
            String prefix = dot < 0 ? "" : e.getKey().substring(0, dot);
            if (weights.containsKey(prefix) && e.getKey().substring(dot + 1).startsWith("bias")) {
                biases.computeIfAbsent(prefix, k -> new ArrayList<>()).add(e.getValue());
            }
        }
        for (String layer : weights.keySet()) {
            biases.putIfAbsent(layer, List.of());
        }
    }

    /** One norm per layer, of the gradients ({@code grad}) or the values; NaN for a layer without any. */
    private static double[] norms(Map<String, List<Parameter>> layers, boolean grad) {
        double[] out = new double[layers.size()];
        int i = 0;
        for (List<Parameter> ps : layers.values()) {
            double s = 0;
            for (Parameter p : ps) {
                if (grad && p.grad() == null) {
                    continue;
                }
                for (float v : grad ? p.grad().data() : p.value().data()) {
                    s += (double) v * v;
                }
            }
            out[i++] = ps.isEmpty() ? Double.NaN : Math.sqrt(s);
        }
        return out;
    }

    private double deadFraction() {
        int layers = 0;
        double sum = 0;
        int i = 0;
        for (List<Parameter> ps : weights.values()) {
            if (++i == weights.size()) {
                break; // the output layer has no activation after it
            }
            Parameter p = ps.get(0);
            if (p.grad() == null) {
                continue;
            }
            float[] g = p.grad().data();
            int rows = p.value().dim(0);
            int len = g.length / rows;
            int zero = 0;
            for (int r = 0; r < rows; r++) {
                boolean all = true;
                for (int k = r * len; k < (r + 1) * len && all; k++) {
                    all = g[k] == 0f;
                }
                zero += all ? 1 : 0;
            }
            sum += (double) zero / rows;
            layers++;
        }
        return layers == 0 ? Double.NaN : sum / layers;
    }

    private static double total(double[] norms) {
        double s = 0;
        for (double n : norms) {
            s += n * n;
        }
        return Math.sqrt(s);
    }

    private static double[] geometricMean(List<double[]> rows) {
        double[] m = new double[rows.get(0).length];
        for (int j = 0; j < m.length; j++) {
            double s = 0;
            int n = 0;
            for (double[] r : rows) {
                if (r[j] > 0 && Double.isFinite(r[j])) {
                    s += Math.log(r[j]);
                    n++;
                }
            }
            m[j] = n == 0 ? Double.NaN : Math.exp(s / n);
        }
        return m;
    }

    private static double[] unbox(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
