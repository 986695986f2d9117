package io.gradguard.cli.report;

import io.gradguard.cli.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The HTML report of an experiment directory: a suite ({@code index.csv} and one {@code NAME/summary.json}
 * per experiment) or a single experiment ({@code summary.json}). It shows the claims table (held or not
 * held) and, per experiment, its claim, results table, figures (inline PNG) and notes.
 */
final class ExperimentReport {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** One section: an experiment's name and its summary, or null when its directory has none. */
    private record Entry(String name, ExperimentSummary summary) {
    }

    private ExperimentReport() {
    }

    /** {@code dir/index.csv} with the experiments it lists, then any other {@code dir/NAME/summary.json}. */
    static String suite(Path dir) throws IOException {
        List<ClaimsIndex.Claim> claims = ClaimsIndex.read(dir.resolve(ClaimsIndex.FILE));
        Set<String> names = new LinkedHashSet<>();
        claims.forEach(c -> names.add(c.experiment()));
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isRegularFile(p.resolve(ExperimentSummary.FILE))).map(p -> p.getFileName().toString())
                    .sorted().forEach(names::add);
        }
        List<Entry> entries = new ArrayList<>();
        for (String n : names) {
            Path sub = dir.resolve(n);
            entries.add(new Entry(n, Files.isRegularFile(sub.resolve(ExperimentSummary.FILE))
                    ? ExperimentSummary.read(sub) : null));
        }
        return render("GradGuard experiments", dir, claims, entries);
    }

    /** {@code dir/summary.json}: one experiment. */
    static String single(Path dir) throws IOException {
        ExperimentSummary s = ExperimentSummary.read(dir);
        return render("GradGuard experiment " + s.name(), dir,
                List.of(new ClaimsIndex.Claim(s.name(), s.claim(), s.held(), null, 0)), List.of(new Entry(s.name(), s)));
    }

    private static String render(String title, Path dir, List<ClaimsIndex.Claim> claims, List<Entry> entries)
            throws IOException {
        Html h = new Html(title);
        h.h1(title);
        long held = claims.stream().filter(ClaimsIndex.Claim::held).count();
        h.h2("claims", "Claims");
        h.p(held + " of " + claims.size() + " claims held.");
        List<List<?>> rows = new ArrayList<>();
        for (ClaimsIndex.Claim c : claims) {
            rows.add(Arrays.asList(Html.link("exp-" + c.experiment(), c.experiment()), c.claim(), badge(c.held()),
                    c.outcome()));
        }
        h.table(List.of("experiment", "claim", "held", "outcome"), rows);
        for (Entry e : entries) {
            section(h, e, claims);
        }
        return h.finish("Written by gradguard " + Version.projectVersion() + " from " + dir
                + " (self-contained: figures are inline PNG, no external resources).");
    }

    private static void section(Html h, Entry e, List<ClaimsIndex.Claim> claims) throws IOException {
        ExperimentSummary s = e.summary();
        if (s == null) {
            h.h2("exp-" + e.name(), e.name());
            h.note("No " + e.name() + "/" + ExperimentSummary.FILE + ": the experiment has not finished or was not run.");
            return;
        }
        h.h2("exp-" + e.name(), s.title().isEmpty() ? s.name() : s.name() + ": " + s.title());
        h.p("Claim: " + s.claim() + " ", badge(s.held()));
        for (ClaimsIndex.Claim c : claims) {
            if (c.experiment().equals(e.name()) && c.held() != s.held()) {
                h.note("index.csv line " + c.line() + " says " + (c.held() ? "held" : "not held") + " but "
                        + ExperimentSummary.FILE + " says " + (s.held() ? "held" : "not held") + ".");
            }
        }
        List<String> meta = new ArrayList<>();
        if (!s.version().isEmpty()) {
            meta.add("version " + s.version());
        }
        if (s.quick() != null) {
            meta.add(s.quick() ? "quick run (--quick)" : "full run");
        }
        if (!s.seeds().isEmpty()) {
            meta.add(s.seeds().size() + " seeds " + Fmt.compact(s.seeds(), 10));
        }
        if (!Double.isNaN(s.seconds())) {
            meta.add(Fmt.num(s.seconds()) + " s");
        }
        if (!meta.isEmpty()) {
            h.raw(new Html.Raw("<p class=\"small\">" + Html.esc(String.join(" | ", meta)) + "</p>\n"));
        }
        if (!s.columns().isEmpty()) {
            List<List<?>> rows = new ArrayList<>();
            for (List<Object> r : s.rows()) {
                List<Object> cells = new ArrayList<>();
                for (Object c : r) {
                    cells.add(c instanceof Number || c == null ? c : Fmt.compact(c, 10));
                }
                rows.add(cells);
            }
            h.table(s.columns(), rows);
        }
        for (ExperimentSummary.FigureRef f : s.figures()) {
            Path file = s.dir().resolve(f.file());
            if (!Files.isRegularFile(file)) {
                h.note("Figure " + f.file() + " is missing from " + s.dir() + ".");
                continue;
            }
            byte[] png = Files.readAllBytes(file);
            if (png.length < PNG_MAGIC.length || !Arrays.equals(Arrays.copyOf(png, PNG_MAGIC.length), PNG_MAGIC)) {
                h.note("Figure " + f.file() + " is not a PNG file; not shown.");
                continue;
            }
            h.figure(png, f.caption().isEmpty() ? f.file() : f.caption(), f.caption());
        }
        if (!s.notes().isEmpty()) {
            h.text(s.notes());
        }
    }

    private static Html.Raw badge(boolean held) {
        return held ? Html.span("held", "held") : Html.span("failed", "not held");
    }
}
