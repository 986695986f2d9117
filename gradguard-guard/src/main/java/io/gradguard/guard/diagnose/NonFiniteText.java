package io.gradguard.guard.diagnose;

import io.gradguard.guard.detect.Incident;
import java.util.List;

/** Words for a group of non-finite incidents. */
final class NonFiniteText {
    private NonFiniteText() {
    }

    /** {@code 24 steps went non-finite from step 1 (traced: forward: op 'linear' in layer 'layers.6' ...)}. */
    static String summary(List<Incident> nonFinite) {
        Incident first = nonFinite.get(0);
        String origin = null;
        for (Incident i : nonFinite) {
            if (Findings.origin(i) == Findings.Origin.MODEL) {
                origin = Findings.text(i, "origin");
                break;
            }
        }
        String steps = nonFinite.size() == 1 ? "step " + first.step() + " went non-finite"
                : nonFinite.size() + " steps went non-finite from step " + first.step();
        return steps + (origin == null ? "" : " (traced: " + origin + ")");
    }
}
