package io.gradguard.autograd;

import io.gradguard.tensor.Shapes;
import io.gradguard.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A tensor in the autograd graph: its value, its gradient, and how it was made.
 *
 * <p>Leaves are created by the user ({@link #leaf}) or are {@link io.gradguard.nn.Parameter parameters};
 * every op returns a new {@code Var} that remembers its inputs and its backward rule (define by run, as in
 * PyTorch and micrograd). {@link #backward()} walks the graph once in reverse topological order and
 * <em>accumulates</em> into each leaf's {@link #grad()}; intermediate gradients and the graph are released
 * afterwards. Each op carries a {@link #label() label} and the {@link #scope() module} it ran in.
 */
public class Var {
    private static final Var[] NO_PARENTS = new Var[0];

    private final Tensor value;
    private final boolean requiresGrad;
    private final String label;
    private final String scope;
    private Var[] parents;
    private BackwardFn backwardFn;
    private Tensor grad;
    private boolean retainGrad;
    private boolean released;

    protected Var(Tensor value, boolean requiresGrad, String label, String scope, Var[] parents, BackwardFn fn) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.label = label;
        this.scope = scope;
        this.parents = parents;
        this.backwardFn = fn;
    }

    /** A leaf holding {@code value}; {@code requiresGrad} leaves receive gradients in {@link #backward()}. */
    public static Var leaf(Tensor value, boolean requiresGrad) {
        return new Var(value, requiresGrad, "leaf", OpScope.current(), NO_PARENTS, null);
    }

    /** A constant (no gradient). */
    public static Var constant(Tensor value) {
        return leaf(value, false);
    }

    /**
     * The result of an op. Records the graph only when grad mode is on and some input requires a gradient;
     * otherwise the result is a constant and {@code fn} is dropped.
     */
    public static Var result(Tensor value, String label, BackwardFn fn, Var... inputs) {
        boolean needs = false;
        if (GradMode.isEnabled()) {
            for (Var p : inputs) {
                if (p.requiresGrad) {
                    needs = true;
                    break;
                }
            }
        }
        Var out = needs
                ? new Var(value, true, label, OpScope.current(), inputs, fn)
                : new Var(value, false, label, OpScope.current(), NO_PARENTS, null);
        Anomaly.checkForward(out);
        return out;
    }

    public Tensor value() {
        return value;
    }

    public int[] shape() {
        return value.shape();
    }

    public float item() {
        return value.item();
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    public boolean isLeaf() {
        return backwardFn == null && !released;
    }

    /** The op that made this value ({@code linear}, {@code relu}, ...), or {@code leaf}. */
    public String label() {
        return label;
    }

    /** The module path the op ran in ({@code layers.2}), or {@code ""}. */
    public String scope() {
        return scope;
    }

    /** The inputs of the op that made this value (empty for leaves and after backward released it). */
    public List<Var> inputs() {
        return List.of(parents);
    }

    /** The accumulated gradient, or {@code null} if none has been computed. */
    public Tensor grad() {
        return grad;
    }

    /** The gradient buffer, allocated as zeros on first use; backward rules add into it. */
    public Tensor gradBuffer() {
        if (grad == null) {
            grad = Tensor.zerosLike(value);
        }
        return grad;
    }

    /** Zeros the gradient in place (no allocation), like {@code optimizer.zero_grad(set_to_none=False)}. */
    public void zeroGrad() {
        if (grad != null) {
            grad.fill(0f);
        }
    }

    /** Keeps this non-leaf's gradient after {@link #backward()} (as {@code retain_grad()} in PyTorch). */
    public Var retainGrad() {
        this.retainGrad = true;
        return this;
    }

    /** A constant sharing this value: gradients stop here. */
    public Var detach() {
        return new Var(value, false, "detach", scope, NO_PARENTS, null);
    }

    /** Back-propagates from a one-element output, seeding its gradient with 1. */
    public void backward() {
        if (value.numel() != 1) {
            throw new IllegalStateException("backward() without a gradient needs a scalar output, got shape "
                    + Shapes.str(value.shape()) + " from op '" + label + "'");
        }
        backward(Tensor.full(1f, value.shape()), null);
    }

    /**
     * Back-propagates {@code seed} (the gradient of the loss with respect to this value). An optional
     * {@code observer} sees every op right after its backward rule ran, in the order they ran, so a
     * non-finite gradient can be traced to the first op and layer that produced it. A graph is used once: a
     * second backward through any op already released throws (PyTorch's "backward through the graph a
     * second time"), rather than silently leaving the leaves' gradients unchanged.
     */
    public void backward(Tensor seed, BackwardObserver observer) {
        if (!requiresGrad) {
            throw new IllegalStateException("backward(): op '" + label + "' does not require a gradient "
                    + "(no input requires one, or it ran under GradMode.noGrad())");
        }
        if (!seed.sameShape(value)) {
            throw new IllegalArgumentException("backward(): seed shape " + Shapes.str(seed.shape())
                    + " differs from output shape " + Shapes.str(value.shape()));
        }
        List<Var> order = topologicalOrder();
        Tensor g = gradBuffer();
        float[] gd = g.data();
        float[] sd = seed.data();
        for (int i = 0; i < gd.length; i++) {
            gd[i] += sd[i];
        }
        for (Var v : order) {
            if (v.backwardFn == null) {
                continue;
            }
            if (v.grad != null) {
                v.backwardFn.apply(v.grad);
                if (observer != null) {
                    observer.afterBackward(v);
                }
            }
            v.release();
        }
    }

    private void release() {
        released = true;
        backwardFn = null;
        parents = NO_PARENTS;
        if (!retainGrad) {
            grad = null;
        }
    }

    /** This node and its ancestors that need gradients, outputs first (iterative: deep graphs are fine). */
    private List<Var> topologicalOrder() {
        List<Var> post = new ArrayList<>();
        Set<Var> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Var> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        seen.add(this);
        while (!stack.isEmpty()) {
            Var v = stack.peek();
            if (v.released) {
                throw new IllegalStateException("backward(): op '" + v.label + "'" + (v.scope.isEmpty() ? ""
                        : " in '" + v.scope + "'") + " was already released by an earlier backward pass; run the"
                        + " forward pass again to build a new graph");
            }
            int i = next.pop();
            if (i < v.parents.length) {
                next.push(i + 1);
                Var p = v.parents[i];
                if (p.requiresGrad && seen.add(p)) {
                    stack.push(p);
                    next.push(0);
                }
            } else {
                stack.pop();
                post.add(v);
            }
        }
        Collections.reverse(post);
        return post;
    }

    @Override
    public String toString() {
        return "Var(" + label + (scope.isEmpty() ? "" : " in " + scope) + ", " + Shapes.str(value.shape()) + ")";
    }
}
