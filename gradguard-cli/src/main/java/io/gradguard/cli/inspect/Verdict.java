package io.gradguard.cli.inspect;

/** What a measurement predicts for training: gradients stay healthy, vanish or explode. */
public enum Verdict {
    OK, VANISHING, EXPLODING;

    /** The lower-case name used in text and JSON ({@code ok}, {@code vanishing}, {@code exploding}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
