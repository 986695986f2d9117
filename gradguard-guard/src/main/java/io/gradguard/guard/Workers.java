package io.gradguard.guard;

import java.util.function.IntConsumer;

/**
 * How the guard spreads its passes over the parameters across threads: the host lends its own pool (the
 * engine's kernel threads sit idle between backward and the optimiser step), so the guard starts no thread
 * of its own. {@link #forEach} runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)} and
 * returns when all have finished, their writes visible to the caller; tasks touch disjoint data.
 */
@FunctionalInterface
public interface Workers {
    void forEach(int tasks, IntConsumer body);

    /** Every task on the calling thread, in order. */
    Workers SERIAL = (tasks, body) -> {
        for (int i = 0; i < tasks; i++) {
            body.accept(i);
        }
    };
}
