package io.gradguard.bench.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.gradguard.bench.peers.Peer;
import io.gradguard.bench.peers.StepRunner;
import io.gradguard.bench.peers.Workload;
import java.util.List;

/**
 * libtorch through DJL's PyTorch engine as a {@link Peer}. Thread settings come from the system properties
 * DJL reads when the engine loads: {@code ai.djl.pytorch.num_threads} (intra-op, libtorch's OpenMP pool;
 * default the number of cores) and {@code ai.djl.pytorch.num_interop_threads} (default the number of cores;
 * 1 steadies it on 2 vCPUs). {@link #settings()} reports what libtorch says it uses.
 */
public final class DjlPeer implements Peer {
    static final String ENGINE = "PyTorch";

    @Override
    public String name() {
        return "libtorch";
    }

    @Override
    public int rank() {
        return 1;
    }

    @Override
    public String settings() {
        Engine e = Engine.getEngine(ENGINE);
        return "DJL " + Engine.getDjlVersion() + ", libtorch " + e.getVersion() + " (CPU): intra-op "
                + JniUtils.getNumThreads() + " threads, inter-op " + JniUtils.getNumInteropThreads()
                + " (ai.djl.pytorch.num_threads / num_interop_threads); ai.djl.offline="
                + System.getProperty("ai.djl.offline", "false");
    }

    @Override
    public StepRunner open(Workload workload) {
        return switch (workload) {
            case MLP -> new DjlMlpStep();
            case CONV -> new DjlConvStep();
            case LSTM -> new DjlLstmStep();
            case MLP_TRAINER -> new DjlTrainerStep(false);
            case MLP_GUARDED -> new DjlTrainerStep(true);
        };
    }
}
