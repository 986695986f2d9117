package io.gradguard.bench.peers;

/** A {@link Peer} cannot run a {@link Workload}; the message says why and is printed in the row's place. */
public final class UnsupportedWorkload extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedWorkload(String peer, Workload workload, String reason) {
        super(peer + " " + workload.key() + ": " + reason);
    }
}
