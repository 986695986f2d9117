package io.gradguard.cli.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An experiment's results table: column names and rows of cells (words, numbers, spreads over seeds). */
public final class ResultTable {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public ResultTable(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a results table needs at least one column");
        }
        this.columns = List.of(columns);
    }

    /** Adds a row; doubles are formatted by {@link Num#fmt}, booleans as yes/no, anything else as text. */
    public ResultTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("results table " + columns + " has " + columns.size()
                    + " columns but the row has " + cells.length + " cells");
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c instanceof Double d ? Num.fmt(d) : c instanceof Boolean b ? (b ? "yes" : "no")
                    : String.valueOf(c));
        }
        rows.add(Collections.unmodifiableList(r));
        return this;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return Collections.unmodifiableList(rows);
    }
}
