package io.gradguard.dashboard.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gradguard.dashboard.data.RunFeed;
import io.gradguard.runs.DiagnosisFile;
import io.gradguard.runs.RunDirectory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's HTTP server (Javalin on Jetty): the page and its assets, the JSON API over the runs it was
 * given ({@link RunApi}) and the live events ({@link EventHub}). Read-only: every route is a GET; other
 * methods get 405, unknown paths 404 and bad parameters 400, each with a JSON {@code error} message. When
 * bound to a loopback address it answers only requests addressed to a loopback name, so a web page elsewhere
 * cannot reach it through DNS rebinding.
 */
public final class DashboardServer implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
    private static final String HANDLED = "gradguard.error";
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Javalin app;
    private final EventHub events;
    private final boolean loopbackOnly;

    private DashboardServer(Javalin app, EventHub events, boolean loopbackOnly) {
        this.app = app;
        this.events = events;
        this.loopbackOnly = loopbackOnly;
    }

    /** Starts serving {@code runs} on {@code host:port} (port 0: any free port). */
    public static DashboardServer start(String host, int port, List<RunFeed> runs) {
        boolean loopback = isLoopback(host);
        RunApi api = new RunApi(runs);
        EventHub events = new EventHub();
        Javalin app = Javalin.create(cfg -> {
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.prefer405over404 = true;
            cfg.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Cache-Control", "no-store");
                if (loopback) {
                    checkHost(ctx);
                }
            });
            cfg.routes.get("/", ctx -> asset(ctx, "index.html"));
            cfg.routes.get("/assets/{name}", ctx -> asset(ctx, ctx.pathParam("name")));
            cfg.routes.get("/api/runs", ctx -> json(ctx, api.runs()));
            cfg.routes.get("/api/runs/{id}", ctx -> json(ctx, api.feed(ctx).summary()));
            cfg.routes.get("/api/runs/{id}/series", ctx -> json(ctx, api.series(ctx)));
            cfg.routes.get("/api/runs/{id}/layers", ctx -> json(ctx, api.layers(ctx)));
            cfg.routes.get("/api/runs/{id}/heatmap", ctx -> json(ctx, api.heatmap(ctx)));
            cfg.routes.get("/api/runs/{id}/incidents", ctx -> json(ctx, api.incidents(ctx)));
            cfg.routes.get("/api/runs/{id}/diagnosis", ctx -> json(ctx, api.recorded(ctx, DiagnosisFile.NAME)));
            cfg.routes.get("/api/runs/{id}/inspection", ctx -> json(ctx, api.recorded(ctx, RunDirectory.INSPECTION)));
            cfg.routes.get("/api/runs/{id}/manifest", ctx -> json(ctx, api.recorded(ctx, RunDirectory.MANIFEST)));
            cfg.routes.get("/api/runs/{id}/spec", ctx -> ctx.contentType("text/plain; charset=utf-8")
                    .result(api.spec(ctx)));
            cfg.routes.before("/api/events", ctx -> {
                String accept = ctx.header("Accept");
                if (accept == null || !accept.contains("text/event-stream")) {
                    throw ApiError.badRequest("/api/events is a server-sent event stream: send Accept: "
                            + "text/event-stream (got " + (accept == null ? "none" : "'" + accept + "'") + ")");
                }
            });
            cfg.routes.sse("/api/events", events::subscribe);
            cfg.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            cfg.routes.error(404, ctx -> {
                if (ctx.attribute(HANDLED) == null) {
                    error(ctx, 404, "no such page: " + ctx.path());
                }
            });
            cfg.routes.error(405, ctx -> error(ctx, 405, "the dashboard is read-only: " + ctx.method()
                    + " " + ctx.path() + " is not allowed"));
        });
        app.start();
        return new DashboardServer(app, events, loopback);
    }

    /** The port actually bound (the one asked for, or the free one chosen for port 0). */
    public int port() {
        return app.port();
    }

    public boolean loopbackOnly() {
        return loopbackOnly;
    }

    /** Sends a snapshot of the run list to every live page. */
    public void publish(List<Map<String, Object>> runs) {
        events.publish(write(runs));
    }

    /** Live pages connected now. */
    public int clients() {
        return events.clients();
    }

    @Override
    public void close() {
        events.close();
        app.stop();
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "': " + e.getMessage(), e);
        }
    }

    private static void checkHost(Context ctx) {
        String h = ctx.header("Host");
        String name = h == null ? "" : h.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        if (!LOOPBACK_NAMES.contains(name)) {
            ctx.attribute(HANDLED, true);
            throw new ApiError(403, "Host '" + h + "' refused: the dashboard listens on a loopback address and answers "
                    + "only to localhost, 127.0.0.1 or [::1]");
        }
    }

    private static void asset(Context ctx, String name) {
        Assets.Asset a = Assets.find(name).orElseThrow(() -> ApiError.notFound("no such file: " + name));
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(a.contentType()).result(Assets.bytes(a));
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(write(value));
    }

    private static void error(Context ctx, int status, String message) {
        ctx.attribute(HANDLED, true);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        m.put("status", status);
        ctx.status(status).contentType("application/json").result(write(m));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
