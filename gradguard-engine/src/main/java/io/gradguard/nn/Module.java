package io.gradguard.nn;

import io.gradguard.autograd.GradMode;
import io.gradguard.autograd.OpScope;
import io.gradguard.autograd.Var;
import io.gradguard.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the model tree, as {@code torch.nn.Module}: it owns named parameters and named child modules,
 * has a train/eval mode, and maps an input to an output with {@link #forward}. Layers never update their
 * own weights; optimisers do.
 */
public abstract class Module {
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private Module parent;
    private String localName = "";
    private boolean training = true;

    /** Runs the module, recording its path on every op it creates (for errors and NaN tracing). */
    public final Var forward(Var x) {
        try (GradMode.Scope ignored = OpScope.enter(path())) {
            return compute(x);
        }
    }

    /** The layer's computation; call children through their {@link #forward}. */
    protected abstract Var compute(Var x);

    /** Registers a child under {@code name}; its parameters become {@code name.<param>}. */
    protected <M extends Module> M register(String name, M newChild) {
        Module child = newChild;
        if (children.containsKey(name) || params.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": duplicate name '" + name + "'");
        }
        if (child.parent != null) {
            throw new IllegalArgumentException("module " + child.getClass().getSimpleName()
                    + " is already registered as '" + child.path() + "'");
        }
        child.parent = this;
        child.localName = name;
        children.put(name, child);
        return newChild;
    }

    /** Creates and registers a learnable parameter holding {@code value}. */
    protected Parameter parameter(String name, Tensor value) {
        if (children.containsKey(name) || params.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": duplicate name '" + name + "'");
        }
        Parameter p = new Parameter(name, value, this);
        params.put(name, p);
        return p;
    }

    /** The dotted path from the root ({@code layers.3}); the root's path is {@code ""}. */
    public String path() {
        if (parent == null) {
            return "";
        }
        String pp = parent.path();
        return pp.isEmpty() ? localName : pp + "." + localName;
    }

    /** Every parameter of this subtree by full name, in registration order (depth first). */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(Map<String, Parameter> out) {
        for (Parameter p : params.values()) {
            out.put(p.name(), p);
        }
        for (Module c : children.values()) {
            c.collect(out);
        }
    }

    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * This module's own non-learnable state saved with the weights (PyTorch's buffers, e.g. batch norm's
     * {@code running_mean}), by local name; live tensors. None by default.
     */
    public Map<String, Tensor> buffers() {
        return Map.of();
    }

    /** Every buffer of this subtree by full name ({@code layers.1.running_mean}), depth first. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            for (Map.Entry<String, Tensor> b : e.getValue().buffers().entrySet()) {
                out.put(e.getKey().isEmpty() ? b.getKey() : e.getKey() + "." + b.getKey(), b.getValue());
            }
        }
        return out;
    }

    /** This module's own parameters (not its children's), by local name. */
    public Map<String, Parameter> localParameters() {
        return Collections.unmodifiableMap(params);
    }

    /** Direct children by local name. */
    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** This module and all descendants by path, depth first, the root first (its path is {@code ""}). */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        walk(out);
        return out;
    }

    private void walk(Map<String, Module> out) {
        out.put(path(), this);
        for (Module c : children.values()) {
            c.walk(out);
        }
    }

    /** Sets training mode on this subtree (affects dropout and batch norm). */
    public Module train(boolean on) {
        training = on;
        for (Module c : children.values()) {
            c.train(on);
        }
        return this;
    }

    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** Zeros every parameter's gradient in place. */
    public void zeroGrad() {
        for (Parameter p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    /** Total number of learnable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.value().numel();
        }
        return n;
    }

    /** One line per module, like PyTorch's {@code repr}: {@code (0): Dense(in=2, out=64, bias=true)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        describe(sb, "", "");
        return sb.toString();
    }

    private void describe(StringBuilder sb, String indent, String label) {
        sb.append(indent).append(label.isEmpty() ? "" : "(" + label + "): ").append(this).append('\n');
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().describe(sb, indent + "  ", e.getKey());
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
