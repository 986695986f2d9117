package io.gradguard.autograd;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The name of the module being run on this thread ({@code layers.3}), recorded on every op it creates so
 * that a NaN or a shape error can be traced to the layer that made it.
 */
public final class OpScope {
    private static final ThreadLocal<Deque<String>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private OpScope() {
    }

    /** The innermost module path, or {@code ""} outside any module. */
    public static String current() {
        String s = STACK.get().peek();
        return s == null ? "" : s;
    }

    public static GradMode.Scope enter(String path) {
        Deque<String> stack = STACK.get();
        stack.push(path);
        return stack::pop;
    }
}
