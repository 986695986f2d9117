package io.gradguard.cli.inspect;

import java.util.List;

/**
 * The result of {@link Inspector#inspect}: per-layer rows, the gain through the depth, the Jacobian's
 * singular values, recurrent blocks, findings and the overall verdict.
 *
 * @param name           the run's name
 * @param batches        the number of batches measured
 * @param batchSize      rows per batch
 * @param layers         top-level modules with parameters or an activation, in model order
 * @param gainProduct    product of the measured gains through the depth (NaN with fewer than two weight layers)
 * @param gainCount      how many gains make the product
 * @param theoryProduct  product of the predicted gains (NaN when some are unknown)
 * @param jacobian       the input-output Jacobian's largest singular values at one example, largest first
 * @param recurrent      recurrent gate blocks
 * @param findings       verdicts, one per finding
 * @param overall        exploding if any finding explodes, else vanishing if any vanishes, else ok
 */
public record Inspection(String name, int batches, int batchSize, List<LayerRow> layers, double gainProduct,
                         int gainCount, double theoryProduct, double[] jacobian, List<RecurrentRow> recurrent,
                         List<Finding> findings, Verdict overall) {
    public Inspection {
        layers = List.copyOf(layers);
        jacobian = jacobian.clone();
        recurrent = List.copyOf(recurrent);
        findings = List.copyOf(findings);
    }

    /** A copy of the Jacobian's singular values, largest first. */
    @Override
    public double[] jacobian() {
        return jacobian.clone();
    }

    /** Geometric mean of the measured gains: the expected growth of the gradient per layer. */
    public double gainPerLayer() {
        return gainCount == 0 ? Double.NaN : Math.pow(gainProduct, 1.0 / gainCount);
    }

    /** The row named {@code name}, or null. */
    public LayerRow layer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst().orElse(null);
    }
}
