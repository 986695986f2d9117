package io.gradguard.optim;

import io.gradguard.nn.Parameter;
import io.gradguard.tensor.Parallel;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every optimiser shares: the parameters and their names, the learning rate, step counts, lazily
 * allocated float32 state buffers keyed by PyTorch's state names, and the state snapshot / restore logic.
 * A subclass supplies its buffer names and the per-parameter update.
 */
abstract class BaseOptimizer implements Optimizer {
    private final String name;
    private final String displayName;
    private final List<Parameter> paramList;
    private final Parameter[] params;
    private final String[] names;
    private final List<String> stateKeys;
    /** {@code state[i][k]}: buffer {@code stateKeys[k]} of parameter i, null until its first step. */
    private final float[][][] state;
    /** Per-parameter step counts (PyTorch's {@code state[p]['step']}); t of the update starts at 1. */
    private final long[] paramSteps;
    private double lr;
    private long stepCount;

    BaseOptimizer(String name, String displayName, List<Parameter> params, double lr, List<String> stateKeys) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException(displayName + " got an empty parameter list");
        }
        this.name = name;
        this.displayName = displayName;
        this.paramList = List.copyOf(params);
        this.params = paramList.toArray(new Parameter[0]);
        this.names = new String[this.params.length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < this.params.length; i++) {
            names[i] = this.params[i].name();
            if (!seen.add(names[i])) {
                throw new IllegalArgumentException(displayName + " got parameter '" + names[i] + "' twice");
            }
        }
        this.stateKeys = List.copyOf(stateKeys);
        this.state = new float[this.params.length][][];
        this.paramSteps = new long[this.params.length];
        setLr(lr);
    }

    /**
     * Updates one parameter in place. {@code w} and {@code g} are its values and gradient, {@code s} its
     * buffers in {@link #stateKeys} order and {@code t} its step number (1 on its first update).
     */
    abstract void update(float[] w, float[] g, float[][] s, long t);

    /** The hyperparameters by PyTorch name, recorded in {@link OptimizerState#scalars()} for provenance. */
    abstract Map<String, Double> hyperparameters();

    /** The value a buffer starts at (0 except Adagrad's {@code sum}). */
    float initialValue(String key) {
        return 0f;
    }

    @Override
    public final void step() {
        stepCount++;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            if (p.grad() == null) {
                continue;
            }
            float[] w = p.value().data();
            if (state[i] == null) {
                state[i] = allocate(w.length);
            }
            paramSteps[i]++;
            update(w, p.grad().data(), state[i], paramSteps[i]);
        }
    }

    private float[][] allocate(int n) {
        float[][] s = new float[stateKeys.size()][];
        for (int k = 0; k < s.length; k++) {
            s[k] = new float[n];
            float v = initialValue(stateKeys.get(k));
            if (v != 0f) {
                Arrays.fill(s[k], v);
            }
        }
        return s;
    }

    @Override
    public final void zeroGrad() {
        for (Parameter p : params) {
            p.zeroGrad();
        }
    }

    @Override
    public final double lr() {
        return lr;
    }

    @Override
    public final void setLr(double lr) {
        // >= 0, not > 0: a schedule may legitimately reach 0 (cosine with eta_min 0), as PyTorch allows.
        Checks.nonNegative(displayName, "lr", lr);
        this.lr = lr;
    }

    @Override
    public final List<Parameter> parameters() {
        return paramList;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final long stepCount() {
        return stepCount;
    }

    @Override
    public final OptimizerState state() {
        return state(null);
    }

    @Override
    public final OptimizerState state(OptimizerState reuse) {
        Map<String, Map<String, float[]>> old = reuse != null && reuse.optimizer().equals(name) ? reuse.buffers() : Map.of();
        Map<String, Double> scalars = new LinkedHashMap<>(hyperparameters());
        Map<String, Map<String, float[]>> buffers = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i++) {
            scalars.put(OptimizerState.stepKey(names[i]), (double) paramSteps[i]);
            Map<String, float[]> b = new LinkedHashMap<>();
            if (state[i] != null) {
                Map<String, float[]> was = old.getOrDefault(names[i], Map.of());
                for (int k = 0; k < stateKeys.size(); k++) {
                    float[] src = state[i][k];
                    float[] dst = was.get(stateKeys.get(k));
                    if (dst == null || dst.length != src.length) {
                        dst = new float[src.length];
                    }
                    Parallel.copy(src, dst);
                    b.put(stateKeys.get(k), dst);
                }
            }
            buffers.put(names[i], b);
        }
        return new OptimizerState(name, stepCount, lr, scalars, buffers);
    }

    @Override
    public final void loadState(OptimizerState s) {
        if (!s.optimizer().equals(name)) {
            throw new IllegalArgumentException("optimizer state is for '" + s.optimizer() + "' but this optimizer is '"
                    + name + "'");
        }
        Set<String> own = new HashSet<>(Arrays.asList(names));
        for (String n : s.buffers().keySet()) {
            if (!own.contains(n)) {
                throw new IllegalArgumentException("optimizer state has parameter '" + n
                        + "' that this optimizer does not have (it has " + Arrays.toString(names) + ")");
            }
        }
        long[] steps = new long[params.length];
        for (int i = 0; i < params.length; i++) {
            steps[i] = checkedParamState(s, i);
        }
        for (int i = 0; i < params.length; i++) {
            paramSteps[i] = steps[i];
            if (steps[i] == 0 || stateKeys.isEmpty()) {
                state[i] = null;
                continue;
            }
            Map<String, float[]> b = s.buffers().get(names[i]);
            float[][] dst = new float[stateKeys.size()][];
            for (int k = 0; k < dst.length; k++) {
                dst[k] = b.get(stateKeys.get(k)).clone();
            }
            state[i] = dst;
        }
        stepCount = s.step();
        setLr(s.lr());
    }

    /** Validates parameter i's entry of {@code s} and returns its step count. */
    private long checkedParamState(OptimizerState s, int i) {
        String n = names[i];
        String where = "optimizer state for '" + n + "'";
        Map<String, float[]> b = s.buffers().get(n);
        if (b == null) {
            throw new IllegalArgumentException("optimizer state has no entry for parameter '" + n + "'");
        }
        Double stepValue = s.scalars().get(OptimizerState.stepKey(n));
        if (stepValue == null) {
            throw new IllegalArgumentException(where + " lacks its step count '" + OptimizerState.stepKey(n) + "'");
        }
        double st = stepValue;
        if (!(st >= 0 && st <= s.step() && st == Math.rint(st))) {
            throw new IllegalArgumentException(where + " has step " + st + "; expected a whole number in [0, "
                    + s.step() + "]");
        }
        long steps = (long) st;
        if (steps == 0 || stateKeys.isEmpty()) {
            if (!b.isEmpty()) {
                throw new IllegalArgumentException(where + " has buffers " + b.keySet() + " but "
                        + (steps == 0 ? "step 0 (no state yet)" : name + " with these settings keeps none"));
            }
            return steps;
        }
        for (String k : stateKeys) {
            if (!b.containsKey(k)) {
                throw new IllegalArgumentException(where + " lacks " + k + " (it has " + b.keySet() + ")");
            }
        }
        for (Map.Entry<String, float[]> e : b.entrySet()) {
            if (!stateKeys.contains(e.getKey())) {
                throw new IllegalArgumentException(where + " has unexpected buffer " + e.getKey() + " (" + name
                        + " with these settings keeps " + stateKeys + ")");
            }
            int expected = params[i].value().numel();
            if (e.getValue().length != expected) {
                throw new IllegalArgumentException(where + " has " + e.getKey() + " of " + e.getValue().length
                        + " values but the parameter has " + expected);
            }
        }
        return steps;
    }

    /** Hyperparameter map helper: alternating PyTorch names and values. */
    static Map<String, Double> hyper(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof Boolean bool ? (bool ? 1.0 : 0.0) : ((Number) v).doubleValue());
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return displayName + "(lr=" + lr + ", " + hyperparameters() + ")";
    }
}
