package io.gradguard.cli.spec;

import java.util.Map;

/**
 * A weight initializer with its params filled, named as {@code torch.nn.init} ({@code he_normal} and
 * {@code he_uniform} are read as {@code kaiming_normal} and {@code kaiming_uniform}):
 * <ul>
 *   <li>{@code default}: PyTorch's {@code nn.Linear} init, {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))};
 *   <li>{@code zeros}; {@code constant(value)}; {@code normal(mean=0, std=1)}; {@code uniform(a=0, b=1)};
 *   <li>{@code xavier_normal(gain=1)}: std {@code gain sqrt(2/(fan_in+fan_out))}; {@code
 *       xavier_uniform(gain=1)}: bound {@code gain sqrt(6/(fan_in+fan_out))} (Glorot and Bengio 2010);
 *   <li>{@code kaiming_normal} / {@code kaiming_uniform} {@code (a=0, mode=fan_in|fan_out,
 *       nonlinearity=leaky_relu)}: std {@code gain/sqrt(fan)}, bound {@code gain sqrt(3/fan)} (He et al.
 *       2015); PyTorch's default nonlinearity {@code leaky_relu} with {@code a=0} gives ReLU's gain sqrt(2);
 *   <li>{@code lecun_normal}: std {@code 1/sqrt(fan_in)} (LeCun et al. 1998, for SELU);
 *   <li>{@code orthogonal(gain=1)} (Saxe et al. 2014).
 * </ul>
 */
public record InitSpec(String name, Map<String, Object> params) implements HasParams {
    /** PyTorch's own initialisation of each layer. */
    public static final InitSpec DEFAULT = new InitSpec("default", Map.of());

    public InitSpec {
        params = Catalog.INITIALIZERS.check("InitSpec", name, params);
    }

    /** {@code name} (canonical or alias) with every param at its default. */
    public static InitSpec of(String name) {
        String canonical = Catalog.INITIALIZERS.aliases().getOrDefault(name, name);
        if (!Catalog.INITIALIZERS.members().containsKey(canonical)) {
            throw new IllegalArgumentException("InitSpec name must be one of " + Catalog.INITIALIZERS.names()
                    + ", got '" + name + "'");
        }
        return new InitSpec(canonical, Catalog.INITIALIZERS.defaults(canonical));
    }
}
