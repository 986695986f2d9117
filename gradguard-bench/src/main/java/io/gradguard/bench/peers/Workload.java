package io.gradguard.bench.peers;

import java.util.Arrays;
import java.util.Locale;

/**
 * What every peer computes, step for step, in {@link PeerComparison}: the shapes of the engine's JMH
 * benchmarks ({@code MlpStepBenchmark}, {@code ConvStepBenchmark} with {@code layer=32-64},
 * {@code LstmStepBenchmark} with {@code input=128}). A peer that cannot run one says why
 * ({@link UnsupportedWorkload}); the comparison prints the reason in its place.
 */
public enum Workload {
    /**
     * 784-512-512-10 MLP, ReLU after the two hidden layers, batch 128: forward, softmax cross-entropy averaged
     * over the batch, backward, {@code w -= 0.01 g} on every weight and bias (SGD, lr 0.01, no momentum, no
     * weight decay), gradients zeroed. The framework's leanest path: no trainer, listener or metric.
     */
    MLP("mlp", "784-512-512-10 ReLU MLP, batch 128: fwd, softmax CE (mean), bwd, SGD(lr=0.01), zero grads"),
    /**
     * Conv2d 32 -> 64 channels, 3x3, stride 1, padding 1, with bias, on a {@code [64, 32, 32, 32]} input that
     * needs a gradient: forward, then backward from a fixed upstream gradient of the output's shape (dW, db,
     * dX). No loss, no optimiser.
     */
    CONV("conv", "Conv2d 32->64 3x3 s1 p1 + bias, x [64,32,32,32] needs grad: fwd, bwd from fixed dY (dW, db, dX)"),
    /**
     * One-layer LSTM, input 128, hidden 128, batch 64, 100 time steps (PyTorch's gate layout and equations):
     * forward over the sequence, backpropagation through time from a fixed gradient on every step's output;
     * the input needs a gradient. No loss, no optimiser.
     */
    LSTM("lstm", "LSTM I=128 H=128, batch 64, T=100: fwd over the sequence, BPTT from fixed dH on every step (+dX)"),
    /**
     * {@link #MLP} through the framework's own training loop (the engine's {@code Trainer}, DJL's
     * {@code Trainer} with {@code EasyTrain.trainBatch}), 16 batches of a fixed synthetic set per call, no guard:
     * the baseline for {@link #MLP_GUARDED}.
     */
    MLP_TRAINER("mlp-trainer", "the MLP step through the framework's trainer (16 batches per call), no guard"),
    /**
     * {@link #MLP_TRAINER} with the gradient guard at its defaults between backward and the optimiser step
     * (engine: {@code GuardHook}; DJL: the gradguard-djl listener). The ratio to {@link #MLP_TRAINER} is the
     * guard's overhead.
     */
    MLP_GUARDED("mlp-guarded", "mlp-trainer with the guard's default hook (GuardConfig.defaults())");

    private final String key;
    private final String description;

    Workload(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The name used on the command line and in tables. */
    public String key() {
        return key;
    }

    /** One line saying what a step computes. */
    public String description() {
        return description;
    }

    /** The workload named {@code key} (case-insensitive). */
    public static Workload of(String key) {
        for (Workload w : values()) {
            if (w.key.equalsIgnoreCase(key.trim())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + key + "'; workloads: "
                + String.join(", ", Arrays.stream(values()).map(Workload::key).toList()));
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
