package io.gradguard.guard.detect;

import java.util.Locale;

/** What went wrong. The names (lower case) are used in specs, incidents.jsonl and recovery rules. */
public enum IncidentKind {
    /** NaN or Inf in the loss or a gradient. */
    NON_FINITE,
    /** Global gradient norm far above its running statistics, or above a hard ceiling. */
    GRAD_NORM_SPIKE,
    /** Loss far above its moving average. */
    LOSS_SPIKE,
    /** Smoothed loss rising step after step. */
    LOSS_DIVERGENCE,
    /** Per-layer gradient norms growing geometrically toward the input (the chain rule's product > 1). */
    DEPTH_EXPLOSION,
    /** A recurrent weight whose spectral radius exceeds 1: gradients can grow through time. */
    RECURRENT_EXPLOSION,
    /** First-layer gradients a tiny fraction of the last layer's (the chain rule's product < 1). */
    VANISHING,
    /** A large fraction of units whose gradient is exactly zero (dead ReLUs). */
    DEAD_UNITS,
    /** Weight norms growing without bound. */
    WEIGHT_GROWTH;

    /** {@code grad_norm_spike}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an id ({@code grad_norm_spike}) or throws naming the known ones. */
    public static IncidentKind parse(String id) {
        for (IncidentKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        StringBuilder known = new StringBuilder();
        for (IncidentKind k : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(k.id());
        }
        throw new IllegalArgumentException("unknown incident kind '" + id + "'; known: " + known);
    }

    /** Whether this kind threatens the weights on this very step (the step should not be applied as is). */
    public boolean acute() {
        return this == NON_FINITE || this == GRAD_NORM_SPIKE || this == LOSS_SPIKE;
    }
}
