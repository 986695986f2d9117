package io.gradguard.dashboard.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's files, served from the classpath by name from a fixed list (no path is ever resolved from a
 * request): the hand-written page, script and style sheet, and uPlot's script and style sheet from its WebJar.
 */
final class Assets {
    /** A file the dashboard serves: where it lives on the classpath and its content type. */
    record Asset(String resource, String contentType) {
    }

    private static final String WEB = "io/gradguard/dashboard/web/";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final Map<String, Asset> FILES = files();
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private Assets() {
    }

    private static Map<String, Asset> files() {
        Map<String, Asset> m = new LinkedHashMap<>();
        m.put("index.html", new Asset(WEB + "index.html", "text/html; charset=utf-8"));
        for (String js : new String[] {"app.js", "charts.js", "heatmap.js", "panels.js"}) {
            m.put(js, new Asset(WEB + js, JS));
        }
        m.put("app.css", new Asset(WEB + "app.css", CSS));
        String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        m.put("uPlot.iife.min.js", new Asset(uplot + "uPlot.iife.min.js", JS));
        m.put("uPlot.min.css", new Asset(uplot + "uPlot.min.css", CSS));
        return Map.copyOf(m);
    }

    /** The uPlot version of the WebJar on the classpath (from its Maven properties). */
    static String uplotVersion() {
        try (InputStream in = Assets.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar (org.webjars.npm:uplot) is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uPlot WebJar's version: " + e.getMessage(), e);
        }
    }

    /** The named file, if it is one the dashboard serves. */
    static Optional<Asset> find(String name) {
        return Optional.ofNullable(FILES.get(name));
    }

    static byte[] bytes(Asset a) {
        return CACHE.computeIfAbsent(a.resource(), r -> {
            try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("dashboard resource missing from the jar: " + r);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + r + ": " + e.getMessage(), e);
            }
        });
    }
}
