/**
 * The dashboard's HTTP side (Javalin on Jetty): {@link io.gradguard.dashboard.server.DashboardServer} with its
 * routes, the JSON API by run id, validated query parameters, the page's assets from a fixed list (uPlot from
 * its WebJar) and the server-sent events hub, where a slow browser drops frames instead of holding anything up.
 */
package io.gradguard.dashboard.server;
