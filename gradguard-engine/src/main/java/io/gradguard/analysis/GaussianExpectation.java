package io.gradguard.analysis;

import java.util.function.DoubleUnaryOperator;

/** A rule for {@code E[f(s z)]}, {@code z ~ N(0, 1)}: the Gaussian expectations of mean-field theory. */
public interface GaussianExpectation {
    /** {@code E[f(scale * z)]} for {@code z ~ N(0, 1)} and {@code scale >= 0}. */
    double expect(DoubleUnaryOperator f, double scale);
}
