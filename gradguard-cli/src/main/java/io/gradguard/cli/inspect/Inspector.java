package io.gradguard.cli.inspect;

import io.gradguard.autograd.Var;
import io.gradguard.data.DataLoader;
import io.gradguard.guard.diagnose.ModelFacts;
import io.gradguard.nn.ActivationLayer;
import io.gradguard.nn.Loss;
import io.gradguard.nn.Module;
import io.gradguard.nn.Network;
import io.gradguard.nn.Parameter;
import io.gradguard.nn.RNN;
import io.gradguard.nn.RecurrentBase;
import io.gradguard.nn.Stochastic;
import io.gradguard.tensor.Rng;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures a network at initialisation on a few batches, without updating it. Each top-level module of the
 * network's {@code layers} sequence is run in turn (a residual block counts as one module) and its output
 * kept with {@link Var#retainGrad()}; after the loss's backward pass a row holds, averaged over the
 * batches, the output's mean and std, the norms of the module's weight and bias gradients and of
 * {@code dL/d(output)}.
 *
 * <p><b>Gain.</b> For consecutive modules with parameters {@code l} and {@code n}, the measured gain of
 * {@code l} is {@code ||dL/dz_l|| / ||dL/dz_n||} (Frobenius norms over the batch of the gradients at the
 * modules' outputs), the factor by which the step back through {@code n} and {@code l}'s activation
 * multiplies the gradient going toward the input; {@link TheoryGain} gives the value the initialisation
 * predicts for the same step.
 */
public final class Inspector {
    /** Sigmoid outputs below this or above {@code 1 -} this are saturated ({@code sigma' < 0.0196}). */
    public static final double SIGMOID_EDGE = 0.02;
    /** Tanh outputs with {@code |y|} above this are saturated ({@code tanh' < 0.04}). */
    public static final double TANH_EDGE = 0.98;

    private Inspector() {
    }

    /**
     * Inspects {@code model} on {@code batches} (at least one) and judges the findings.
     *
     * @param facts what the spec says about each layer (init std, fan-in, activation), or null: no theory
     * @param rng   the run's root stream (dropout masks are forked from it as the trainer does)
     */
    public static Inspection inspect(String name, Network model, Loss loss, List<DataLoader.Batch> batches,
                                     ModelFacts facts, Rng rng) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("Inspector needs at least one batch, got none");
        }
        List<Module> top = model.layers().layers();
        Probe[] probes = new Probe[top.size()];
        for (int i = 0; i < top.size(); i++) {
            Module m = top.get(i);
            if (!m.namedParameters().isEmpty() || m instanceof ActivationLayer) {
                probes[i] = new Probe(m);
            }
        }
        int[] steps = new int[top.size()];
        for (int b = 0; b < batches.size(); b++) {
            model.zeroGrad();
            Stochastic.reseedAll(model, rng, b);
            Var h = Var.constant(batches.get(b).x());
            Var[] outs = new Var[top.size()];
            for (int i = 0; i < top.size(); i++) {
                steps[i] = h.value().rank() == 3 ? h.value().dim(1) : 0;
                h = top.get(i).forward(h);
                outs[i] = h;
                if (probes[i] != null && h.requiresGrad()) {
                    h.retainGrad();
                }
            }
            Var l = loss.compute(h, batches.get(b).y());
            if (l.requiresGrad()) {
                l.backward();
            }
            for (int i = 0; i < top.size(); i++) {
                if (probes[i] != null) {
                    probes[i].observe(outs[i]);
                }
            }
        }
        model.zeroGrad();
        List<LayerRow> rows = new ArrayList<>();
        int[] index = new int[top.size()];
        for (int i = 0; i < top.size(); i++) {
            if (probes[i] != null) {
                index[rows.size()] = i;
                rows.add(probes[i].row(batches.size()));
            }
        }
        rows = withGains(rows, index, top, facts);
        List<RecurrentRow> recurrent = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            if (top.get(i) instanceof RecurrentBase r) {
                recurrent.addAll(recurrentRows(r, steps[i]));
            }
        }
        Tensor first = batches.get(0).x();
        int per = first.numel() / first.dim(0);
        int[] shape = first.shape().clone();
        shape[0] = 1;
        Tensor example = Tensor.of(Arrays.copyOf(first.data(), per), shape);
        double[] jacobian = Jacobian.singularValues(model, example, 3);
        return Verdicts.judge(name, batches.size(), batches.get(0).size(), rows, jacobian, recurrent);
    }

    /**
     * Fills each row with parameters with its measured gain toward the next row with parameters and the
     * {@link TheoryGain} for the same step; {@code index[r]} is row {@code r}'s position in {@code top}.
     */
    static List<LayerRow> withGains(List<LayerRow> rows, int[] index, List<Module> top, ModelFacts facts) {
        List<LayerRow> out = new ArrayList<>(rows);
        int prev = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).hasParams()) {
                continue;
            }
            if (prev >= 0) {
                LayerRow l = rows.get(prev);
                out.set(prev, l.withGain(l.outGradNorm() / rows.get(i).outGradNorm(),
                        TheoryGain.between(top, index[prev], index[i], facts)));
            }
            prev = i;
        }
        return out;
    }

    private static List<RecurrentRow> recurrentRows(RecurrentBase r, int steps) {
        List<RecurrentRow> rows = new ArrayList<>();
        String type = r instanceof RNN ? "rnn" : r.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        for (int k = 0; k < r.numLayers(); k++) {
            for (int g = 0; g < r.gateNames().size(); g++) {
                rows.add(new RecurrentRow(r.path(), type, k, r.gateNames().get(g), r.recurrentSpectralRadius(k, g),
                        r.recurrentLargestSingularValue(k, g), steps));
            }
        }
        return rows;
    }

    /** Running sums for one module over the batches. */
    private static final class Probe {
        private final Module module;
        private final String kind;
        private final String saturates; // "sigmoid", "tanh" or null
        private final boolean relu;
        private double mean;
        private double std;
        private double weight;
        private double bias;
        private double out;
        private int gradBatches;
        private long saturated;
        private long values;
        private boolean[] alive;

        Probe(Module m) {
            this.module = m;
            if (m instanceof ActivationLayer a) {
                kind = a.activation().name();
            } else if (m instanceof RNN r) {
                kind = "rnn";
            } else {
                kind = m.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            }
            saturates = kind.equals("sigmoid") ? "sigmoid"
                    : kind.equals("tanh") || m instanceof RNN r && r.nonlinearity().equals("tanh") ? "tanh" : null;
            relu = kind.equals("relu");
        }

        void observe(Var output) {
            float[] y = output.value().data();
            double s = 0;
            for (float v : y) {
                s += v;
            }
            double mu = s / y.length;
            double ss = 0;
            for (float v : y) {
                ss += (v - mu) * (v - mu);
            }
            mean += mu;
            std += Math.sqrt(ss / y.length);
            if (output.grad() != null) {
                gradBatches++;
                out += norm(output.grad().data());
                double w = 0;
                double b = 0;
                for (Parameter p : module.namedParameters().values()) {
                    double n = p.grad() == null ? 0 : sq(p.grad().data());
                    if (p.localName().startsWith("bias")) {
                        b += n;
                    } else {
                        w += n;
                    }
                }
                weight += Math.sqrt(w);
                bias += Math.sqrt(b);
            }
            if (saturates != null) {
                for (float v : y) {
                    boolean sat = saturates.equals("sigmoid") ? v < SIGMOID_EDGE || v > 1 - SIGMOID_EDGE
                            : Math.abs(v) > TANH_EDGE;
                    if (sat) {
                        saturated++;
                    }
                }
                values += y.length;
            }
            if (relu) {
                int per = y.length / output.value().dim(0);
                if (alive == null) {
                    alive = new boolean[per];
                }
                for (int i = 0; i < y.length; i++) {
                    if (y[i] != 0) {
                        alive[i % per] = true;
                    }
                }
            }
        }

        LayerRow row(int batches) {
            boolean params = !module.namedParameters().isEmpty();
            boolean hasBias = module.namedParameters().values().stream().anyMatch(p -> p.localName().startsWith("bias"));
            double nan = Double.NaN;
            double g = gradBatches;
            double deadFraction = nan;
            if (alive != null) {
                int dead = 0;
                for (boolean a : alive) {
                    if (!a) {
                        dead++;
                    }
                }
                deadFraction = (double) dead / alive.length;
            }
            return new LayerRow(module.path(), kind, params, mean / batches, std / batches,
                    params && g > 0 ? weight / g : nan, hasBias && g > 0 ? bias / g : nan, g > 0 ? out / g : nan,
                    nan, nan, values > 0 ? (double) saturated / values : nan, deadFraction);
        }

        private static double sq(float[] a) {
            double s = 0;
            for (float v : a) {
                s += (double) v * v;
            }
            return s;
        }

        private static double norm(float[] a) {
            return Math.sqrt(sq(a));
        }
    }
}
