package io.gradguard.cli.experiment;

import java.util.List;

/** An experiment whose grid and verdict the tests choose. */
final class FakeExperiment implements Experiment {
    private final String name;
    private final int version;
    private final List<Point> grid;

    FakeExperiment(String name, int version, List<Point> grid) {
        this.name = name;
        this.version = version;
        this.grid = grid;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String title() {
        return "Fake " + name;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public String claim() {
        return "values are positive";
    }

    @Override
    public List<Point> grid(boolean quick) {
        return grid;
    }

    @Override
    public Analysis analyze(Results r) {
        ResultTable t = new ResultTable("point", "x");
        boolean held = true;
        for (Point p : r.points()) {
            if (p.task() instanceof Task.Compute) {
                Spread s = r.spread(p.id(), "x");
                t.row(p.id(), s.toString());
                held &= s.min() > 0;
            }
        }
        return new Analysis(t, held, "x positive: " + held, List.of(), "notes, with a | bar");
    }
}
