package io.gradguard.guard.monitor;

import java.util.List;

/**
 * What the monitor saw in one step, before any clipping.
 *
 * @param step           global step index
 * @param loss           the step's loss
 * @param lr             learning rate about to be used
 * @param globalNorm     L2 norm over every gradient (overflow-safe: finite for gradients of 1e30)
 * @param layers         per-layer statistics, input side first
 * @param firstLastRatio gradient norm of the first layer divided by that of the last: the seeds' chain-rule
 *                       product made visible (far below 1: vanishing; far above: exploding toward the input)
 * @param nonFinite      NaN and infinite gradient elements in all layers
 * @param firstNonFinite the first parameter (in model order) with a non-finite gradient, or null
 * @param costly         whether weight norms and update ratios were computed this step
 */
public record StepStats(long step, double loss, double lr, double globalNorm, List<LayerStats> layers,
                        double firstLastRatio, long nonFinite, String firstNonFinite, boolean costly) {
    public StepStats {
        layers = List.copyOf(layers);
    }

    /** Whether the loss and every gradient are finite. */
    public boolean finite() {
        return nonFinite == 0 && Double.isFinite(loss);
    }

    /** The stats of {@code name}, or null. */
    public LayerStats layer(String name) {
        for (LayerStats l : layers) {
            if (l.layer().equals(name)) {
                return l;
            }
        }
        return null;
    }
}
