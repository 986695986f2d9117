package io.gradguard.train;

/**
 * Where training stands: the next batch to run. A checkpoint stores it, so a resumed run replays the
 * same batches in the same order (the loader's order depends only on the seed and the epoch).
 *
 * @param epoch        epoch of the next batch
 * @param batch        index of the next batch within that epoch
 * @param step         global index of the next step
 * @param lrScale      learning-rate multiplier accumulated by recovery actions
 * @param pendingSkips batches still to be skipped after a rollback
 * @param skippedSteps steps whose update a hook skipped so far
 */
public record Progress(int epoch, int batch, long step, double lrScale, int pendingSkips, long skippedSteps) {
    public Progress {
        if (epoch < 0 || batch < 0 || step < 0 || pendingSkips < 0 || skippedSteps < 0) {
            throw new IllegalArgumentException("progress counters must be >= 0, got epoch=" + epoch + ", batch="
                    + batch + ", step=" + step + ", pendingSkips=" + pendingSkips + ", skippedSteps=" + skippedSteps);
        }
        if (!(lrScale > 0) || lrScale > 1 || Double.isNaN(lrScale)) {
            throw new IllegalArgumentException("progress lrScale must be in (0, 1], got " + lrScale);
        }
    }

    public static final Progress START = new Progress(0, 0, 0, 1.0, 0, 0);
}
