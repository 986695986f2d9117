package io.gradguard.cli.spec;

import java.util.List;
import java.util.Map;

/**
 * A named variant whose params are filled with defaults, with typed getters for them: numbers are {@code
 * Double} (or {@code Integer} for counts), flags {@code Boolean}, choices {@code String}, {@code betas} a
 * {@code List<Double>}.
 */
public interface HasParams {
    /** The params by spec key, every default filled, in the reference's order. */
    Map<String, Object> params();

    /** A numeric param as a double ({@code lr_decay}, {@code std}, {@code samples}). */
    default double real(String key) {
        return ((Number) param(key)).doubleValue();
    }

    /** An integer param ({@code samples}, {@code step_size}). */
    default int integer(String key) {
        return ((Number) param(key)).intValue();
    }

    default boolean flag(String key) {
        return (Boolean) param(key);
    }

    /** A choice param ({@code mode}, {@code nonlinearity}). */
    default String text(String key) {
        return (String) param(key);
    }

    /** A list-of-numbers param ({@code betas}). */
    @SuppressWarnings("unchecked")
    default List<Double> reals(String key) {
        return (List<Double>) param(key);
    }

    private Object param(String key) {
        Object v = params().get(key);
        if (v == null) {
            throw new IllegalArgumentException(this + " has no param '" + key + "'; it has " + params().keySet());
        }
        return v;
    }
}
