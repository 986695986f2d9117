package io.gradguard.guard.detect;

import io.gradguard.guard.StepView;
import io.gradguard.guard.monitor.LayerStats;
import io.gradguard.guard.monitor.StepStats;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link StepStats} directly, with the same derived fields the monitor computes. */
final class Steps {
    private Steps() {
    }

    /** A finite layer with a gradient norm and nothing else. */
    static LayerStats layer(String name, double gradNorm) {
        return new LayerStats(name, gradNorm, gradNorm, 0, 0, Double.NaN, Double.NaN, Double.NaN, 10);
    }

    static LayerStats dead(String name, double deadFraction) {
        return new LayerStats(name, 1.0, 1.0, 0, 0, Double.NaN, Double.NaN, deadFraction, 10);
    }

    static LayerStats weights(String name, double weightNorm) {
        return new LayerStats(name, 1.0, 1.0, 0, 0, weightNorm, Double.NaN, Double.NaN, 10);
    }

    /** One layer {@code fc} whose norm is the global norm. */
    static StepStats norm(long step, double loss, double globalNorm) {
        return of(step, loss, List.of(layer("fc", globalNorm)));
    }

    static StepStats loss(long step, double loss) {
        return norm(step, loss, 1.0);
    }

    /** Global norm, first/last ratio, non-finite count and costliness derived from the layers. */
    static StepStats of(long step, double loss, List<LayerStats> layers) {
        double sq = 0;
        long nonFinite = 0;
        boolean costly = false;
        List<LayerStats> withGrad = new ArrayList<>();
        for (LayerStats l : layers) {
            sq += l.gradNorm() * l.gradNorm();
            nonFinite += l.nanCount() + l.infCount();
            costly |= !Double.isNaN(l.weightNorm());
            if (l.elements() > 0) {
                withGrad.add(l);
            }
        }
        double ratio = withGrad.size() < 2 ? Double.NaN
                : withGrad.get(0).gradNorm() / withGrad.get(withGrad.size() - 1).gradNorm();
        return new StepStats(step, loss, 0.1, Math.sqrt(sq), layers, ratio, nonFinite, null, costly);
    }

    /** A view without parameters (for detectors that only read the statistics). */
    static StepView view(long step) {
        return new StepView(step, 0, 0.1, List.of());
    }
}
