package io.gradguard.bench.peers;

/**
 * A framework that can run the {@link Workload}s: the engine ({@code io.gradguard.bench.EnginePeer}),
 * libtorch through DJL and DL4J (in {@code gradguard-bench-peers}, built with {@code -Ppeers}). Found with
 * {@link java.util.ServiceLoader}, so the comparison runs whichever are on the class path.
 */
public interface Peer {
    /** Short name for tables: {@code engine}, {@code libtorch}, {@code dl4j}. */
    String name();

    /** Library versions and thread settings as the framework reports them once loaded. */
    String settings();

    /**
     * Sets up {@code workload}.
     *
     * @throws UnsupportedWorkload when this peer cannot run it, with the reason to print
     */
    StepRunner open(Workload workload);

    /** Order in tables: the engine first, then the others by this rank. */
    default int rank() {
        return 10;
    }
}
