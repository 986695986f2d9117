package io.gradguard.guard.clip;

import io.gradguard.guard.ParamView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Applies one {@link ClipPolicy} to a step's gradients, in place, after backward and before the optimiser
 * step. Stateful for {@link ClipPolicy.AutoClip} (norm history) and {@link ClipPolicy.ZClip} (warm-up buffer
 * and EMA statistics); {@link #state()} and {@link #restore(Map)} carry that state through a checkpoint.
 * Parameters whose gradient is null are skipped. The coefficient c is computed in double and gradients are
 * scaled in float32, {@code g *= (float) c}, as PyTorch's {@code mul_} by its float32 coefficient. Not
 * thread-safe: one clipper per training loop.
 */
public final class Clipper {
    private final ClipPolicy policy;
    private final NormHistory history; // AutoClip only
    private final ZClipStats zclip; // ZClip only

    public Clipper(ClipPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.history = policy instanceof ClipPolicy.AutoClip a ? new NormHistory(a.historySize()) : null;
        this.zclip = policy instanceof ClipPolicy.ZClip z ? new ZClipStats(z) : null;
    }

    public ClipPolicy policy() {
        return policy;
    }

    /**
     * Clips the gradients of {@code params} in place.
     *
     * @throws NonFiniteNormException for {@link ClipPolicy.GlobalNorm} with error_if_nonfinite when the total
     *                                norm is NaN or infinite (gradients unchanged)
     */
    public ClipResult clip(List<ParamView> params) {
        return clip(params, Double.NaN, false);
    }

    /**
     * As {@link #clip(List)}, reusing the L2 norm of exactly these gradients that the caller has already
     * computed (the guard's monitor has), so the common policies need no second pass over the gradients.
     */
    public ClipResult clip(List<ParamView> params, double l2Norm) {
        return clip(params, l2Norm, true);
    }

    private ClipResult clip(List<ParamView> params, double known, boolean isKnown) {
        if (policy instanceof ClipPolicy.None) {
            if (isKnown) {
                return new ClipResult(known, Double.NaN, false, 1.0);
            }
        }
        Supplier<List<float[]>> grads = gradients(params);
        if (policy instanceof ClipPolicy.ByValue v) {
            return StatelessClips.byValue(grads.get(), (float) v.clipValue());
        }
        if (policy instanceof ClipPolicy.ByLayerNorm l) {
            return StatelessClips.byLayer(params, l.maxNorm());
        }
        if (policy instanceof ClipPolicy.GlobalNorm g) {
            double total = isKnown && g.normType() == 2.0 ? known : Norms.total(grads.get(), g.normType());
            if (g.errorIfNonfinite() && !Double.isFinite(total)) {
                throw new NonFiniteNormException(total, g.normType());
            }
            double c = StatelessClips.clipToNorm(grads, total, g.maxNorm());
            return new ClipResult(total, g.maxNorm(), c != 1.0, c);
        }
        if (policy instanceof ClipPolicy.Agc a) {
            return StatelessClips.agc(params, a);
        }
        double total = isKnown ? known : Norms.total(grads.get(), 2.0);
        if (policy instanceof ClipPolicy.AutoClip a) {
            if (Double.isFinite(total)) {
                history.add(total);
            }
            double threshold = history.size() == 0 ? Double.POSITIVE_INFINITY : history.percentile(a.percentile());
            double c = StatelessClips.clipToNorm(grads, total, threshold);
            return new ClipResult(total, threshold, c != 1.0, c);
        }
        if (policy instanceof ClipPolicy.ZClip) {
            return zClip(grads, total);
        }
        return new ClipResult(total, Double.NaN, false, 1.0); // None
    }

    /** Forgets AutoClip's history and ZClip's statistics (ZClip warms up again). */
    public void reset() {
        if (history != null) {
            history.clear();
        }
        if (zclip != null) {
            zclip.reset();
        }
    }

    /** AutoClip: norms in the history; ZClip: norms collected in the warm-up buffer (0 once warmed up); else 0. */
    public int historySize() {
        if (history != null) {
            return history.size();
        }
        return zclip != null ? zclip.buffer().size() : 0;
    }

    /** AutoClip's history, oldest first; empty for other policies. */
    public double[] history() {
        return history != null ? history.values() : new double[0];
    }

    /** ZClip's EMA mean of the gradient norm once warmed up. */
    public OptionalDouble emaMean() {
        return zclip != null && zclip.initialized() ? OptionalDouble.of(zclip.mean()) : OptionalDouble.empty();
    }

    /** ZClip's EMA variance of the gradient norm once warmed up. */
    public OptionalDouble emaVar() {
        return zclip != null && zclip.initialized() ? OptionalDouble.of(zclip.var()) : OptionalDouble.empty();
    }

    /**
     * The clipper's state as JSON-ready values: {@code policy} (the record's simple name) and, for AutoClip,
     * {@code history} (list of doubles, oldest first); for ZClip, {@code initialized}, {@code buffer} and,
     * once initialised, {@code mean} and {@code var}. Every number is finite.
     */
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("policy", policy.getClass().getSimpleName());
        if (history != null) {
            List<Double> h = new ArrayList<>();
            for (double x : history.values()) {
                h.add(x);
            }
            s.put("history", h);
        }
        if (zclip != null) {
            s.put("initialized", zclip.initialized());
            s.put("buffer", zclip.buffer());
            if (zclip.initialized()) {
                s.put("mean", zclip.mean());
                s.put("var", zclip.var());
            }
        }
        return s;
    }

    /**
     * Replaces this clipper's state with one from {@link #state()} (possibly read back from JSON, so any
     * {@link Number} is accepted). A bounded AutoClip keeps the newest history_size norms.
     *
     * @throws IllegalArgumentException when the state is for another policy or a field is missing or mistyped
     */
    public void restore(Map<String, Object> state) {
        String kind = policy.getClass().getSimpleName();
        if (!kind.equals(state.get("policy"))) {
            throw new IllegalArgumentException("Clipper state is for policy '" + state.get("policy")
                    + "' but this clipper is " + kind);
        }
        if (history != null) {
            history.clear();
            for (double x : numbers(state, "history")) {
                history.add(x);
            }
        }
        if (zclip != null) {
            Object init = state.get("initialized");
            if (!(init instanceof Boolean)) {
                throw new IllegalArgumentException("ZClip state field 'initialized' must be a boolean, got " + init);
            }
            if ((Boolean) init) {
                zclip.restore(number(state, "mean"), number(state, "var"));
            } else {
                zclip.restoreBuffer(numbers(state, "buffer"));
            }
        }
    }

    /**
     * The gradients of the parameters that have one, gathered on first use: a host may copy a gradient when
     * asked for it (the DJL host does), and a step that scales nothing should not ask.
     */
    private static Supplier<List<float[]>> gradients(List<ParamView> params) {
        return new Supplier<>() {
            private List<float[]> grads;

            @Override
            public List<float[]> get() {
                if (grads == null) {
                    grads = new ArrayList<>(params.size());
                    for (ParamView p : params) {
                        float[] g = p.grad();
                        if (g != null) {
                            grads.add(g);
                        }
                    }
                }
                return grads;
            }
        };
    }

    private ClipResult zClip(Supplier<List<float[]>> grads, double total) {
        if (!zclip.initialized()) {
            zclip.warmUp(total);
            return new ClipResult(total, Double.NaN, false, 1.0);
        }
        double target = zclip.target(total);
        if (Double.isNaN(target)) {
            double boundary = zclip.boundary();
            zclip.update(total);
            return new ClipResult(total, boundary, false, 1.0);
        }
        // the reference's apply_in_place_clipping: c = target / (g + 1e-6) if g > target else 1, applied if < 1
        double c = total > target ? target / (total + StatelessClips.TORCH_EPS) : 1.0;
        if (c < 1.0) {
            for (float[] g : grads.get()) {
                StatelessClips.scale(g, 0, g.length, c);
            }
        } else {
            c = 1.0;
        }
        zclip.update(target);
        return new ClipResult(total, target, c != 1.0, c);
    }

    private static List<Double> numbers(Map<String, Object> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("Clipper state field '" + key + "' must be a list of numbers, got " + v);
        }
        List<Double> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new IllegalArgumentException("Clipper state field '" + key + "[" + i + "]' must be a number, got "
                        + list.get(i));
            }
            out.add(n.doubleValue());
        }
        return out;
    }

    private static double number(Map<String, Object> state, String key) {
        if (!(state.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("Clipper state field '" + key + "' must be a number, got " + state.get(key));
        }
        return n.doubleValue();
    }
}
