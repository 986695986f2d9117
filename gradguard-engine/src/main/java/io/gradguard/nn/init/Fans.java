package io.gradguard.nn.init;

import io.gradguard.tensor.Shapes;

/**
 * Fan-in and fan-out of a weight, as {@code torch.nn.init._calculate_fan_in_and_fan_out}: for a weight
 * {@code [out, in, k1, k2, ...]} the receptive field is {@code k1 * k2 * ...} (1 for a 2-D weight), and
 * {@code fan_in = in * receptive}, {@code fan_out = out * receptive}.
 */
public record Fans(int fanIn, int fanOut) {
    public Fans {
        if (fanIn < 0 || fanOut < 0) {
            throw new IllegalArgumentException("Fans must be >= 0, got fan_in=" + fanIn + ", fan_out=" + fanOut);
        }
    }

    /** The fans of a weight of this shape; it needs at least 2 dimensions ({@code [out, in, ...]}). */
    public static Fans of(int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for a tensor with fewer"
                    + " than 2 dimensions, got shape " + Shapes.str(shape));
        }
        long receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        return new Fans(Math.toIntExact(shape[1] * receptive), Math.toIntExact(shape[0] * receptive));
    }
}
