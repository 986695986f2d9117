package io.gradguard.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An optimiser's state for checkpoints, in the shape of PyTorch's {@code optimizer.state_dict()}.
 *
 * <p>{@code buffers} has one entry per parameter, keyed by its full name ({@code layers.0.weight}), each
 * mapping PyTorch's state key ({@code momentum_buffer}, {@code exp_avg}, {@code exp_avg_sq},
 * {@code max_exp_avg_sq}, {@code square_avg}, {@code grad_avg}, {@code sum}) to a float32 array of the
 * parameter's size; the inner map is empty while the parameter has had no step or when the optimiser keeps
 * no state (plain SGD). {@code scalars} holds each parameter's own step count under
 * {@link #stepKey(String) "name/step"} (PyTorch's {@code state[p]['step']}) and the hyperparameters by
 * PyTorch name ({@code beta1}, {@code weight_decay}, booleans as 0 or 1) for provenance; hyperparameters are
 * not restored by {@link Optimizer#loadState}, which takes them from the optimiser's own config.
 *
 * <p>The maps are unmodifiable copies in insertion order; the float arrays are shared, not copied
 * ({@link Optimizer#state()} hands out fresh arrays and {@link Optimizer#loadState} copies them in).
 *
 * @param optimizer the optimiser's {@link Optimizer#name() name}
 * @param step the optimiser's {@link Optimizer#stepCount() step count}
 * @param lr the learning rate when the state was taken
 */
public record OptimizerState(String optimizer, long step, double lr, Map<String, Double> scalars,
        Map<String, Map<String, float[]>> buffers) {
    public OptimizerState {
        Objects.requireNonNull(optimizer, "optimizer state: optimizer name is null");
        if (optimizer.isBlank()) {
            throw new IllegalArgumentException("optimizer state: optimizer name is blank");
        }
        if (step < 0) {
            throw new IllegalArgumentException("optimizer state: step must be >= 0, got " + step);
        }
        Checks.positive("optimizer state", "lr", lr);
        Map<String, Double> sc = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : Objects.requireNonNull(scalars, "optimizer state: scalars").entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("optimizer state: scalar '" + e.getKey() + "' must be finite, got "
                        + e.getValue());
            }
            sc.put(e.getKey(), e.getValue());
        }
        Map<String, Map<String, float[]>> bu = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, float[]>> e
                : Objects.requireNonNull(buffers, "optimizer state: buffers").entrySet()) {
            Map<String, float[]> inner = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> b : Objects.requireNonNull(e.getValue(),
                    "optimizer state: buffers of '" + e.getKey() + "'").entrySet()) {
                inner.put(b.getKey(), Objects.requireNonNull(b.getValue(),
                        "optimizer state: " + b.getKey() + " of '" + e.getKey() + "' is null"));
            }
            bu.put(e.getKey(), Collections.unmodifiableMap(inner));
        }
        scalars = Collections.unmodifiableMap(sc);
        buffers = Collections.unmodifiableMap(bu);
    }

    /** The {@link #scalars()} key of a parameter's own step count: {@code layers.0.weight/step}. */
    public static String stepKey(String parameterName) {
        return parameterName + "/step";
    }

    /**
     * This state as JSON: {@code {"format":"gradguard.optimizer_state","version":1,"optimizer":...,"step":...,
     * "lr":...,"scalars":{...},"buffers":{"layers.0.weight":{"exp_avg":"<base64>"}}}}, each buffer the
     * base64 of its values as little-endian float32, so the round trip is bit-exact.
     */
    public String toJson() {
        return OptimizerStateJson.write(this);
    }

    /**
     * Parses {@link #toJson()}'s output.
     *
     * @throws IllegalArgumentException if the text is malformed or truncated JSON, lacks a field, or holds
     *     a buffer that is not base64 of float32 values; the message names the field
     */
    public static OptimizerState fromJson(String json) {
        return OptimizerStateJson.read(json);
    }

    @Override
    public String toString() {
        int n = 0;
        for (Map<String, float[]> b : buffers.values()) {
            n += b.size();
        }
        return "OptimizerState(" + optimizer + ", step=" + step + ", lr=" + lr + ", " + buffers.size()
                + " parameters, " + n + " buffers)";
    }
}
