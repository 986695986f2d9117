package io.gradguard.dashboard.data;

import java.util.Locale;

/** Where a served run stands. */
public enum RunStatus {
    /** Being trained by this process ({@code gradguard train --dashboard}). */
    LIVE,
    /** Trained by this process, now finished. */
    FINISHED,
    /** A run directory given to {@code gradguard dashboard}; still followed, in case another process writes it. */
    REPLAY;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
