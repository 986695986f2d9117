package io.gradguard.dashboard.server;

import io.gradguard.dashboard.data.LayerMetric;
import io.javalin.http.Context;

/** Query parameters, validated: a bad value is a 400 whose message names the parameter, the range and the value. */
final class Params {
    private Params() {
    }

    /** An integer parameter in {@code [min, max]}, or {@code fallback} if absent. */
    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be an integer in [" + min + ", " + max + "], got '" + v + "'");
        }
        if (n < min || n > max) {
            throw ApiError.badRequest(name + " must be in [" + min + ", " + max + "], got " + n);
        }
        return n;
    }

    /** The {@code metric} parameter, {@code grad_norm} if absent. */
    static LayerMetric metric(Context ctx) {
        String v = ctx.queryParam("metric");
        if (v == null) {
            return LayerMetric.GRAD_NORM;
        }
        try {
            return LayerMetric.parse(v);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }
}
