package io.gradguard.dashboard.server;

import io.gradguard.dashboard.data.DiagnosisLinks;
import io.gradguard.dashboard.data.LayerMetric;
import io.gradguard.dashboard.data.RunFeed;
import io.gradguard.runs.DiagnosisFile;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON API over the served runs, addressed by run id (never by path: a request cannot name a file).
 * Series are downsampled on the server to at most {@code points} (lines) or {@code columns} (heatmap).
 */
final class RunApi {
    static final int DEFAULT_POINTS = 2000;
    static final int MAX_POINTS = 10_000;
    static final int DEFAULT_COLUMNS = 1024;
    static final int MAX_INCIDENTS = 1000;

    private final Map<String, RunFeed> runs = new LinkedHashMap<>();

    RunApi(List<RunFeed> feeds) {
        for (RunFeed f : feeds) {
            runs.put(f.id(), f);
        }
    }

    List<Map<String, Object>> runs() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunFeed f : runs.values()) {
            out.add(f.summary());
        }
        return out;
    }

    RunFeed feed(Context ctx) {
        String id = ctx.pathParam("id");
        RunFeed f = runs.get(id);
        if (f == null) {
            throw ApiError.notFound("no run '" + id + "'; this dashboard serves " + String.join(", ", runs.keySet()));
        }
        return f;
    }

    Map<String, Object> series(Context ctx) {
        RunFeed f = feed(ctx);
        int points = Params.integer(ctx, "points", DEFAULT_POINTS, 10, MAX_POINTS);
        return withRun(f, f.model().series(points));
    }

    Map<String, Object> layers(Context ctx) {
        RunFeed f = feed(ctx);
        LayerMetric m = Params.metric(ctx);
        int points = Params.integer(ctx, "points", DEFAULT_POINTS, 10, MAX_POINTS);
        return withRun(f, f.model().layerSeries(m, points));
    }

    Map<String, Object> heatmap(Context ctx) {
        RunFeed f = feed(ctx);
        LayerMetric m = Params.metric(ctx);
        int columns = Params.integer(ctx, "columns", DEFAULT_COLUMNS, 1, MAX_POINTS);
        return withRun(f, f.model().heatmap(m, columns));
    }

    Map<String, Object> incidents(Context ctx) {
        RunFeed f = feed(ctx);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Params.integer(ctx, "limit", 200, 1, MAX_INCIDENTS);
        Map<String, Object> diagnosis = f.file(DiagnosisFile.NAME).orElse(null);
        return withRun(f, f.model().incidents(offset, limit, i -> DiagnosisLinks.causes(diagnosis, i)));
    }

    /** {@code {"recorded": true, "content": {...}}}, or {@code {"recorded": false}} if the run has no such file. */
    Map<String, Object> recorded(Context ctx, String file) {
        RunFeed f = feed(ctx);
        Optional<Map<String, Object>> content = f.file(file);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", f.id());
        out.put("file", file);
        out.put("recorded", content.isPresent());
        content.ifPresent(c -> out.put("content", c));
        return out;
    }

    String spec(Context ctx) {
        RunFeed f = feed(ctx);
        try {
            return f.reader().specYaml();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spec of run " + f.id() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> withRun(RunFeed f, Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", f.id());
        out.put("version", f.version());
        out.putAll(body);
        return out;
    }
}
