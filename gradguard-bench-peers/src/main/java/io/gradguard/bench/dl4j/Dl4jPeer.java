package io.gradguard.bench.dl4j;

import io.gradguard.bench.peers.Peer;
import io.gradguard.bench.peers.StepRunner;
import io.gradguard.bench.peers.UnsupportedWorkload;
import io.gradguard.bench.peers.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J ({@code deeplearning4j-nn}) on ND4J's native CPU backend as a {@link Peer}. ND4J runs its own ops on
 * OpenMP ({@code OMP_NUM_THREADS}, default the number of cores) and its matrix products on OpenBLAS (bundled
 * by {@code org.bytedeco:openblas}; its thread count follows ND4J's). OpenBLAS picks its kernels by CPU model and
 * falls back to generic ones on a CPU it does not know; {@code OPENBLAS_CORETYPE} (SKYLAKEX here, set by the
 * launcher before the JVM starts) overrides that. {@link #settings()} reports the core OpenBLAS chose.
 */
public final class Dl4jPeer implements Peer {
    static {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public int rank() {
        return 2;
    }

    @Override
    public String settings() {
        Environment env = Nd4j.getEnvironment();
        return "DL4J " + version() + " (ND4J "
                + Nd4j.getBackend().getClass().getSimpleName() + "): OpenMP " + env.maxThreads() + " threads ("
                + env.maxMasterThreads() + " master), OpenBLAS " + Nd4j.factory().blas().getMaxThreads()
                + " threads, core " + OpenBlasCore.name() + " (OPENBLAS_CORETYPE="
                + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset") + "); workspaces ENABLED, float32";
    }

    /** deeplearning4j-nn's version from its Maven metadata. */
    private static String version() {
        try (InputStream in = MultiLayerNetwork.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public StepRunner open(Workload workload) {
        return switch (workload) {
            case MLP -> new Dl4jMlpStep();
            case CONV -> new Dl4jConvStep();
            case LSTM -> new Dl4jLstmStep();
            case MLP_TRAINER, MLP_GUARDED -> throw new UnsupportedWorkload(name(), workload,
                    "its mlp row already trains through MultiLayerNetwork.fit, and the guard has no DL4J host");
        };
    }
}
