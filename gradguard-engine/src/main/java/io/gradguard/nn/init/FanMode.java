package io.gradguard.nn.init;

/**
 * Which fan scales a Kaiming initialiser ({@code mode} in {@code torch.nn.init.kaiming_normal_}):
 * {@link #FAN_IN} preserves the variance of activations in the forward pass, {@link #FAN_OUT} the variance
 * of gradients in the backward pass (He et al. 2015, section 2.2).
 */
public enum FanMode {
    FAN_IN,
    FAN_OUT;

    /** The fan this mode selects. */
    public int of(Fans fans) {
        return this == FAN_IN ? fans.fanIn() : fans.fanOut();
    }
}
