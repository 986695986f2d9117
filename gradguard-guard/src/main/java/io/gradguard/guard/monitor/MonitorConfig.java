package io.gradguard.guard.monitor;

/**
 * How often the monitor computes its costlier statistics.
 *
 * @param costlyEvery steps between weight norms and update-to-weight ratios (each costs a pass over the
 *                    weights, and the ratio a copy of them one step earlier); 1 computes them every step
 */
public record MonitorConfig(int costlyEvery) {
    public MonitorConfig {
        if (costlyEvery < 1) {
            throw new IllegalArgumentException("monitor costly_every must be >= 1, got " + costlyEvery);
        }
    }

    /**
     * Every 50 steps: the weight pass and the copy for the update ratio cost about as much as the per-step
     * gradient pass itself on the 784-512-512-10 MLP, so every 10 steps added ~40% to the guard's time.
     */
    public static MonitorConfig defaults() {
        return new MonitorConfig(50);
    }
}
