/**
 * Fault injection ({@code --inject nan@120,spike@300x1e4}): corrupts chosen steps' gradients or loss so
 * users and tests can watch the guard detect and recover.
 */
package io.gradguard.guard.inject;
