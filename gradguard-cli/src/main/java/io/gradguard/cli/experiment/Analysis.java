package io.gradguard.cli.experiment;

import java.util.List;

/**
 * What an experiment concluded.
 *
 * @param table   one row per configuration, with the measured outcome's spread over seeds
 * @param held    whether the claim held (on every seed, where the claim says so)
 * @param outcome the measured outcome in one line, for the index
 * @param figures PNGs that show the claim
 * @param notes   how the outcome was measured and what to read into it
 */
public record Analysis(ResultTable table, boolean held, String outcome, List<Figure> figures, String notes) {
    public Analysis {
        figures = List.copyOf(figures);
    }
}
