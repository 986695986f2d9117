package io.gradguard.cli.inspect;

/**
 * One conclusion of an inspection.
 *
 * @param subject what was measured ({@code gradient chain}, {@code jacobian}, {@code layers.0 recurrent gate h})
 * @param verdict ok, vanishing or exploding
 * @param detail  the numbers behind the verdict and the expected growth, in one line
 */
public record Finding(String subject, Verdict verdict, String detail) {
    public Finding {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("Finding subject must not be blank, got '" + subject + "'");
        }
        java.util.Objects.requireNonNull(verdict, "verdict");
        java.util.Objects.requireNonNull(detail, "detail");
    }
}
