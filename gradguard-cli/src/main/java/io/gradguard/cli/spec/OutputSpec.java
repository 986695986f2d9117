package io.gradguard.cli.spec;

/** Where runs go: the run directory is {@code dir/NAME} (default {@code runs}). */
public record OutputSpec(String dir) {
    public static final OutputSpec DEFAULT = new OutputSpec("runs");

    public OutputSpec {
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("OutputSpec dir must not be empty, got '" + dir + "'");
        }
    }
}
