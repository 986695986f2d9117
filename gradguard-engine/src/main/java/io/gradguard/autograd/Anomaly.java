package io.gradguard.autograd;

import io.gradguard.tensor.Tensor;

/**
 * Anomaly tracing, like {@code torch.autograd.detect_anomaly} but only switched on to re-run a step that
 * already went non-finite: while a {@link Trace} is open on this thread, every op checks its output, and
 * {@link Trace#observer()} checks every gradient the backward pass produces. The first op that turned
 * finite inputs into a NaN or Inf is named with its layer.
 */
public final class Anomaly {
    private static final ThreadLocal<Trace> ACTIVE = new ThreadLocal<>();
    private static volatile int open;

    private Anomaly() {
    }

    /** Starts tracing on this thread until the returned trace is closed. */
    public static Trace start() {
        Trace t = new Trace();
        ACTIVE.set(t);
        open++;
        return t;
    }

    /** Called by {@link Var#result} for every op; costs one volatile read when no trace is open. */
    static void checkForward(Var out) {
        if (open == 0) {
            return;
        }
        Trace t = ACTIVE.get();
        if (t != null && t.first == null && !finite(out.value())) {
            boolean inputsFinite = true;
            for (Var in : out.inputs()) {
                inputsFinite &= finite(in.value());
            }
            if (inputsFinite || out.inputs().isEmpty()) {
                t.first = "forward: op '" + out.label() + "'" + where(out) + " produced NaN/Inf from finite inputs";
            }
        }
    }

    static boolean finite(Tensor t) {
        for (float v : t.data()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static String where(Var v) {
        return v.scope().isEmpty() ? "" : " in layer '" + v.scope() + "'";
    }

    /** An open trace: the first non-finite op found, forward or backward. */
    public static final class Trace implements AutoCloseable {
        private String first;

        /** A backward observer that records the first op whose backward rule produced a non-finite gradient. */
        public BackwardObserver observer() {
            return op -> {
                if (first != null || op.grad() == null || !finite(op.grad())) {
                    return;
                }
                for (Var in : op.inputs()) {
                    if (in.grad() != null && !finite(in.grad())) {
                        first = "backward: op '" + op.label() + "'" + where(op)
                                + " turned a finite gradient into NaN/Inf";
                        return;
                    }
                }
            };
        }

        /** The first non-finite op, or null. */
        public String first() {
            return first;
        }

        @Override
        public void close() {
            ACTIVE.remove();
            open--;
        }
    }
}
