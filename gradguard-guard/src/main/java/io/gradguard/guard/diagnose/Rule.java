package io.gradguard.guard.diagnose;

import java.util.Optional;

/** One cause: whether the findings and facts point to it, how strongly, and what to change. */
interface Rule {
    Optional<Diagnosis> diagnose(Findings findings, ModelFacts facts);
}
