package io.gradguard.cli.experiment;

/**
 * One configuration of an experiment's grid, run once per seed into {@code runs/ID-sSEED}.
 *
 * @param id    directory-safe name ({@code sigmoid-d10})
 * @param label what the tables and figures call it ({@code sigmoid, 10 layers})
 * @param cost  relative cost, so the runner starts the longest points first
 */
public record Point(String id, String label, Task task, double cost) {
    public Point {
        if (id == null || !id.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("point id must be lower-case letters, digits, '.' and '-', got '"
                    + id + "'");
        }
        if (!(cost > 0)) {
            throw new IllegalArgumentException("point '" + id + "' cost must be > 0, got " + cost);
        }
    }

    public static Point train(String id, String label, String yaml, int probeSteps, double cost) {
        return new Point(id, label, new Task.Train(yaml, probeSteps, false), cost);
    }

    /** A training point whose model is first inspected at initialisation (see {@link Task.Train}). */
    public static Point inspectedTrain(String id, String label, String yaml, int probeSteps, double cost) {
        return new Point(id, label, new Task.Train(yaml, probeSteps, true), cost);
    }
}
