package io.gradguard.autograd;

/**
 * Whether ops record the graph on this thread. {@code try (var ignored = GradMode.noGrad()) { ... }}
 * evaluates without recording, like {@code torch.no_grad()}.
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Disables recording until the returned scope is closed, then restores the previous mode. */
    public static Scope noGrad() {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = false;
        return () -> flag[0] = previous;
    }

    /** A scope that restores the grad mode on close and throws nothing. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
