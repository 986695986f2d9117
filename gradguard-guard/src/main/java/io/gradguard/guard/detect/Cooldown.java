package io.gradguard.guard.detect;

import java.util.Map;

/**
 * The common cool-down: after reporting at step {@code s}, a detector stays quiet through step
 * {@code s + cooldown} and may report again from {@code s + cooldown + 1}. A cool-down of 0 lets it report
 * every step. Detectors keep updating their statistics while cooling down; only the report is held back.
 */
final class Cooldown {
    private final int steps;
    private Long last;

    Cooldown(int steps) {
        this.steps = steps;
    }

    boolean ready(long step) {
        return last == null || step - last > steps;
    }

    void fired(long step) {
        last = step;
    }

    void save(Map<String, Object> state) {
        if (last != null) {
            state.put("last_report", last);
        }
    }

    void load(Map<String, Object> state, String detector) {
        last = State.optInteger(state, detector, "last_report");
    }
}
