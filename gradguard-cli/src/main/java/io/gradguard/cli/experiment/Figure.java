package io.gradguard.cli.experiment;

/** A PNG an experiment writes beside its results, with the caption the reports show under it. */
public record Figure(String file, String caption, byte[] png) {
    public Figure {
        if (file == null || !file.matches("[a-z0-9][a-z0-9_.-]*\\.png")) {
            throw new IllegalArgumentException("figure file must be a plain lower-case name ending in .png, got '"
                    + file + "'");
        }
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }
}
