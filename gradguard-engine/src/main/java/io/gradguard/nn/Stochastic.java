package io.gradguard.nn;

import io.gradguard.tensor.Rng;
import java.util.Map;

/**
 * A module whose training-mode forward draws random numbers (e.g. {@link Dropout}'s masks). It draws them
 * only from the {@link Rng} it was last given, so the host decides every random number a run uses.
 *
 * <p>Contract with the trainer: before each training forward of step {@code step}, call
 * {@link #reseedAll(Module, Rng, long) reseedAll(model, rootRng, step)}, which gives each stochastic module
 * at path {@code p} the stream {@code rootRng.fork("dropout").fork(p + "@" + step)}. The masks then depend
 * only on the run's seed, the module's place in the tree and the step, never on how many forwards ran
 * before: the same seed gives the same masks, and a run resumed from a checkpoint at step {@code s}
 * reproduces the masks of the uninterrupted run from step {@code s} on.
 */
public interface Stochastic {
    /** Draws subsequent random numbers from {@code rng}. */
    void reseed(Rng rng);

    /**
     * Reseeds every {@link Stochastic} module under {@code root} for step {@code step} with
     * {@code rootRng.fork("dropout").fork(path + "@" + step)} ({@link Rng#fork} depends on the seed and
     * the name only, so {@code rootRng}'s own state is untouched).
     */
    static void reseedAll(Module root, Rng rootRng, long step) {
        Rng base = rootRng.fork("dropout");
        for (Map.Entry<String, Module> e : root.namedModules().entrySet()) {
            if (e.getValue() instanceof Stochastic s) {
                s.reseed(base.fork(e.getKey() + "@" + step));
            }
        }
    }
}
