package io.gradguard.bench;

import io.gradguard.tensor.Gemm;
import io.gradguard.tensor.Parallel;
import io.gradguard.tensor.Rng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code C = A B} for square {@code size x size} float32 matrices through {@link Gemm#sgemm}; one op is
 * {@code 2 size^3} floating-point operations, so GFLOP/s = ops/s * 2 size^3 / 1e9 ({@link BenchMain} prints
 * the converted table). {@code impl} and {@code threads} become the system properties {@code gradguard.gemm}
 * and {@code gradguard.threads} of each forked JVM.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class GemmBenchmark {

    @State(Scope.Benchmark)
    public static class Matrices {
        @Param({"256", "512", "1024"})
        public int size;
        @Param({"vector", "scalar"})
        public String impl;
        /** {@code all} = every available processor. */
        @Param({"1", "all"})
        public String threads;

        float[] a;
        float[] b;
        float[] c;

        @Setup(Level.Trial)
        public void setUp() {
            // Both properties are read once, when Gemm and Parallel are first used: set them before that.
            System.setProperty(Gemm.IMPL_PROPERTY, impl);
            if (!threads.equals("all")) {
                System.setProperty(Parallel.THREADS_PROPERTY, threads);
            }
            if (!Gemm.implementation().equals(impl)) {
                throw new IllegalStateException("asked for GEMM '" + impl + "' but got '" + Gemm.implementation() + "'");
            }
            a = random(size * size, "a");
            b = random(size * size, "b");
            c = new float[size * size];
        }
    }

    /** The naive triple loop (the engine's original reference kernel) at 256, for contrast. */
    @State(Scope.Benchmark)
    public static class Naive {
        public final int size = 256;
        final float[] a = random(size * size, "a");
        final float[] b = random(size * size, "b");
        final float[] c = new float[size * size];
    }

    static float[] random(int n, String stream) {
        Rng rng = new Rng(2024).fork(stream);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.uniform(-1, 1);
        }
        return x;
    }

    @Benchmark
    public float[] gemm(Matrices s) {
        int n = s.size;
        Gemm.sgemm(false, false, n, n, n, 1f, s.a, 0, n, s.b, 0, n, 0f, s.c, 0, n);
        return s.c;
    }

    @Benchmark
    @Measurement(iterations = 3, time = 1)
    public float[] naive256(Naive s) {
        int n = s.size;
        float[] a = s.a;
        float[] b = s.b;
        float[] c = s.c;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < n; p++) {
                    acc += (double) a[i * n + p] * b[p * n + j];
                }
                c[i * n + j] = (float) acc;
            }
        }
        return c;
    }
}
