package io.gradguard.nn.init;

/**
 * The nonlinearity that follows a layer, for the recommended init gain ({@code torch.nn.init.calculate_gain}).
 * The gain makes the activation variance neither shrink nor grow through the layer.
 */
public enum Nonlinearity {
    LINEAR,
    CONV1D,
    CONV2D,
    CONV3D,
    SIGMOID,
    TANH,
    RELU,
    LEAKY_RELU,
    SELU;

    /** PyTorch's default negative slope when {@code calculate_gain('leaky_relu')} gets no param. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;

    /**
     * The gain as {@code torch.nn.init.calculate_gain(nonlinearity, param)}: 1 for linear, conv and sigmoid;
     * 5/3 for tanh; {@code sqrt(2)} for ReLU (He et al. 2015); {@code sqrt(2 / (1 + slope^2))} for leaky ReLU,
     * where {@code param} is the negative slope ({@link Double#NaN} = omitted = 0.01); 3/4 for SELU.
     * {@code param} is ignored by the other nonlinearities.
     */
    public double gain(double param) {
        return switch (this) {
            case LINEAR, CONV1D, CONV2D, CONV3D, SIGMOID -> 1.0;
            case TANH -> 5.0 / 3.0;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> {
                double slope = Double.isNaN(param) ? DEFAULT_NEGATIVE_SLOPE : param;
                if (Double.isInfinite(slope)) {
                    throw new IllegalArgumentException("leaky_relu gain: negative slope must be finite, got "
                            + param);
                }
                yield Math.sqrt(2.0 / (1.0 + slope * slope));
            }
            case SELU -> 0.75;
        };
    }

    /** The gain with the param omitted ({@code calculate_gain(nonlinearity)}). */
    public double gain() {
        return gain(Double.NaN);
    }

    /** PyTorch's spelling ({@code leaky_relu}). */
    public String torchName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
