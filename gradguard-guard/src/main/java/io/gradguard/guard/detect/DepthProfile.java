package io.gradguard.guard.detect;

import io.gradguard.guard.ParamView;
import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.LayerStats;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How gradient norms change with depth in one step: the seeds' chain-rule product made measurable. Over the
 * layers with a gradient, input side first, at positions {@code i = 0 .. L-1}, it fits
 * {@code ln ||g_i|| = a + b i} by least squares and reports
 * <pre>
 *   growth = exp(-b)        the fitted factor by which the norm grows per layer toward the input,
 *                           i.e. (fitted ||g_0|| / fitted ||g_{L-1}||)^(1/(L-1))
 *   r2     = 1 - SS_res / SS_tot   (1 when every norm is equal)
 *   firstLastRatio = ||g_0|| / ||g_{L-1}||   (measured, not fitted)
 * </pre>
 * Growth above 1 is the exploding product, below 1 the vanishing one. The norms fitted are the layers' bias
 * gradients when every fitted layer has one ({@link LayerStats#biasGradNorm}: the backpropagated error
 * signal, the chain product itself), otherwise their whole gradients ({@code signal} says which). Only layers holding a weight of rank
 * 2 or more (dense, convolution, recurrent) take part when the view shows such weights: normalisation
 * layers' 1-D scales measure something else. Without a view, or when it shows no matrix weight at all, every
 * layer with a gradient takes part. Layers whose norm is exactly zero are left out (the log is undefined; dead
 * layers are {@link DeadUnits}'s business).
 *
 * @param layers         the fitted layers' names, input side first
 * @param norms          their gradient norms
 * @param growth         fitted growth per layer toward the input
 * @param r2             coefficient of determination of the log-linear fit
 * @param firstLastRatio measured first/last norm ratio
 * @param signal         {@code bias} or {@code gradient}: which norm was fitted
 */
public record DepthProfile(List<String> layers, List<Double> norms, double growth, double r2,
                           double firstLastRatio, String signal) {
    public DepthProfile {
        layers = List.copyOf(layers);
        norms = List.copyOf(norms);
    }

    /**
     * The profile of one step, or empty when fewer than two layers qualify or any gradient is non-finite.
     *
     * @param view the step's parameters, used to keep only layers with a matrix weight; may be null
     */
    public static Optional<DepthProfile> of(StepStats stats, StepView view) {
        if (stats.nonFinite() > 0) {
            return Optional.empty();
        }
        Set<String> matrixLayers = view == null ? Set.of() : matrixLayers(view);
        List<LayerStats> fitted = new ArrayList<>();
        for (LayerStats l : stats.layers()) {
            if (l.elements() == 0 || !(l.gradNorm() > 0)
                    || !matrixLayers.isEmpty() && !matrixLayers.contains(l.layer())) {
                continue;
            }
            fitted.add(l);
        }
        boolean bias = !fitted.isEmpty() && fitted.stream().allMatch(l -> l.biasGradNorm() > 0);
        List<String> names = new ArrayList<>();
        List<Double> norms = new ArrayList<>();
        for (LayerStats l : fitted) {
            names.add(l.layer());
            norms.add(bias ? l.biasGradNorm() : l.gradNorm());
        }
        int n = names.size();
        if (n < 2) {
            return Optional.empty();
        }
        double xm = (n - 1) / 2.0;
        double ym = 0;
        for (double v : norms) {
            ym += Math.log(v);
        }
        ym /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - xm;
            double dy = Math.log(norms.get(i)) - ym;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        double slope = sxy / sxx;
        // SS_res = SS_tot - slope^2 * Sxx for a least-squares line.
        double r2 = syy == 0 ? 1.0 : Math.max(0, 1 - (syy - slope * sxy) / syy);
        return Optional.of(new DepthProfile(names, norms, Math.exp(-slope), r2,
                norms.get(0) / norms.get(n - 1), bias ? "bias" : "gradient"));
    }

    private static Set<String> matrixLayers(StepView view) {
        Set<String> out = new HashSet<>();
        for (ParamView p : view.params()) {
            if (p.hasGrad() && p.shape().length >= 2 && p.localName().startsWith("weight")) {
                out.add(p.layer());
            }
        }
        return out;
    }
}
