package io.gradguard.cli.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gradguard.cli.plot.Png;
import io.gradguard.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes an experiment's results and the suite's index (the layout the HTML report reads):
 * <pre>
 * OUT/index.md, OUT/index.csv          one row per experiment present: experiment, claim, held, outcome
 * OUT/NAME/summary.json                {"name", "title", "version", "claim", "held", "quick", "seeds", "seconds",
 *                                       "outcome", "table": {"columns", "rows"}, "figures": [{"file", "caption"}],
 *                                       "notes"}
 * OUT/NAME/results.md, results.csv     the claim, the verdict and the table (Markdown links the figures)
 * OUT/NAME/*.png                       the figures
 * OUT/NAME/runs/POINT-sSEED/           the run directories
 * </pre>
 * Every file is written atomically.
 */
final class SuiteWriter {
    static final String SUMMARY = "summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SuiteWriter() {
    }

    static void write(Path dir, Experiment e, Results r, Analysis a, double seconds) throws IOException {
        Files.createDirectories(dir);
        for (Figure f : a.figures()) {
            Png.write(dir.resolve(f.file()), f.png());
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", e.name());
        s.put("title", e.title());
        s.put("version", e.version());
        s.put("claim", e.claim());
        s.put("held", a.held());
        s.put("quick", r.quick());
        s.put("seeds", r.seeds());
        s.put("seconds", Math.round(seconds * 10) / 10.0);
        s.put("outcome", a.outcome());
        s.put("table", Map.of("columns", a.table().columns(), "rows", a.table().rows()));
        List<Map<String, String>> figs = new ArrayList<>();
        for (Figure f : a.figures()) {
            figs.add(Map.of("file", f.file(), "caption", f.caption()));
        }
        s.put("figures", figs);
        s.put("notes", a.notes());
        AtomicFiles.write(dir.resolve(SUMMARY), JSON.writeValueAsBytes(s));
        text(dir.resolve("results.csv"), csv(a.table().columns(), a.table().rows()));
        text(dir.resolve("results.md"), markdown(e, r, a, seconds));
    }

    private static String markdown(Experiment e, Results r, Analysis a, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(e.title()).append("\n\n");
        sb.append("**Claim.** ").append(e.claim()).append("\n\n");
        sb.append("**Held: ").append(a.held() ? "yes" : "NO").append(".** ").append(a.outcome()).append("\n\n");
        sb.append(String.format(java.util.Locale.ROOT, "Experiment `%s` version %d, %s grid, seeds %s, %.1f s.%n%n",
                e.name(), e.version(), r.quick() ? "quick" : "full", r.seeds(), seconds));
        sb.append(mdTable(a.table().columns(), a.table().rows())).append('\n');
        for (Figure f : a.figures()) {
            sb.append("![").append(f.caption()).append("](").append(f.file()).append(")\n\n*")
                    .append(f.caption()).append("*\n\n");
        }
        if (!a.notes().isBlank()) {
            sb.append(a.notes()).append('\n');
        }
        return sb.toString();
    }

    /** Rebuilds {@code OUT/index.md} and {@code OUT/index.csv} from every {@code OUT/NAME/summary.json}. */
    static void writeIndex(Path out, List<String> order) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path d : s.sorted().toList()) {
                Path f = d.resolve(SUMMARY);
                if (Files.isRegularFile(f)) {
                    found.add(JSON.readTree(f.toFile()));
                }
            }
        }
        found.sort(java.util.Comparator.comparingInt((JsonNode n) -> {
            int i = order.indexOf(n.path("name").asText());
            return i < 0 ? order.size() : i;
        }));
        List<List<String>> rows = new ArrayList<>();
        List<List<String>> mdRows = new ArrayList<>();
        for (JsonNode n : found) {
            String name = n.path("name").asText();
            String held = n.path("held").asBoolean() ? "yes" : "no";
            rows.add(List.of(name, n.path("claim").asText(), held, n.path("outcome").asText()));
            mdRows.add(List.of("[" + name + "](" + name + "/results.md)", n.path("claim").asText(),
                    n.path("held").asBoolean() ? "yes" : "**no**", n.path("outcome").asText()));
        }
        List<String> cols = List.of("experiment", "claim", "held", "outcome");
        text(out.resolve("index.csv"), csv(cols, rows));
        long held = rows.stream().filter(r -> r.get(2).equals("yes")).count();
        text(out.resolve("index.md"), "# GradGuard experiments\n\n" + held + " of " + rows.size()
                + " claims held. Each experiment's results.md has its table and figures.\n\n" + mdTable(cols, mdRows));
    }

    static String csv(List<String> columns, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", columns.stream().map(SuiteWriter::csvCell).toList())).append('\n');
        for (List<String> r : rows) {
            sb.append(String.join(",", r.stream().map(SuiteWriter::csvCell).toList())).append('\n');
        }
        return sb.toString();
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static String mdTable(List<String> columns, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", columns.stream().map(SuiteWriter::mdCell).toList())).append(" |\n");
        sb.append("|").append("---|".repeat(columns.size())).append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r.stream().map(SuiteWriter::mdCell).toList())).append(" |\n");
        }
        return sb.toString();
    }

    private static String mdCell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static void text(Path f, String s) throws IOException {
        AtomicFiles.write(f, s.getBytes(StandardCharsets.UTF_8));
    }
}
