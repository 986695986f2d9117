package io.gradguard.cli.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one analysis prints: a title, one or more tables, a summary of key figures, and how to draw it for
 * {@code --plot}.
 */
final class Report {
    final String analysis;
    final String title;
    final List<Table> tables = new ArrayList<>();
    final Map<String, Object> summary = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    /** Draws the analysis for {@code --plot}, only when asked (null: the analysis has no figure). */
    java.util.function.Supplier<io.gradguard.cli.plot.Figure> figure;

    Report(String analysis, String title) {
        this.analysis = analysis;
        this.title = title;
    }

    Report table(Table t) {
        tables.add(t);
        return this;
    }

    Report put(String key, Object value) {
        summary.put(key, value);
        return this;
    }

    Report figure(java.util.function.Supplier<io.gradguard.cli.plot.Figure> f) {
        figure = f;
        return this;
    }

    Report note(String line) {
        notes.add(line);
        return this;
    }

    String text() {
        StringBuilder sb = new StringBuilder(title).append("\n\n");
        for (Table t : tables) {
            if (tables.size() > 1) {
                sb.append(t.name).append(":\n");
            }
            sb.append(t.text()).append('\n');
        }
        int w = summary.keySet().stream().mapToInt(String::length).max().orElse(0);
        summary.forEach((k, v) -> sb.append(k).append(':').append(" ".repeat(w - k.length() + 1))
                .append(Table.cell(v)).append('\n'));
        for (String n : notes) {
            sb.append(n).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("analysis", analysis);
        for (Table t : tables) {
            m.put(t.name, t.records());
        }
        m.put("summary", summary);
        if (!notes.isEmpty()) {
            m.put("notes", notes);
        }
        return m;
    }
}
