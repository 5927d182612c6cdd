package dev.evalplane.gateway;

import java.util.List;

/**
 * Every route the gateway serves, with a sample path: the one list the auth table ({@code security.AuthBypassTableTests})
 * and the hostile-request table ({@code HostileRequestTableTests}) walk. A new route joins this list the day it is
 * added (MLflow routes included: their paths start with /api/2.0/mlflow, /api/3.0/mlflow or /ajax-api).
 */
public final class GatewayRoutes {

    /**
     * One route: method, a sample canonical path (ids filled in), a sample body (null: none), the status it answers
     * with a valid admin token while the services are down (the test profiles point them at a closed port: 502 for a
     * proxied route, 503 TEMPORARILY_UNAVAILABLE for an MLflow route that calls a service), and whether it is on the
     * public list (open without a token).
     */
    public record Route(String method, String path, String body, int reached, boolean open) {
        Route(String method, String path, String body) {
            this(method, path, body, 502, false);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final String TRACE = "tr-0123456789abcdef0123456789abcdef";

    public static final List<Route> ALL = List.of(
            // trace-service
            new Route("GET", "/api/v1/experiments", null),
            new Route("GET", "/api/v1/traces/" + TRACE, null),
            new Route("POST", "/api/v1/traces/search", "{\"experiment_ids\":[\"0\"]}"),
            new Route("POST", "/api/v1/traces/" + TRACE + "/assessments", "{\"assessment_name\":\"x\"}"),
            new Route("PATCH", "/api/v1/traces/" + TRACE + "/assessments/a-1", "{}"),
            new Route("DELETE", "/api/v1/traces/" + TRACE + "/assessments/a-1", null),
            new Route("GET", "/api/v1/evaluations/run-1/traces", null),
            new Route("GET", "/api/v1/evaluations/run-1/summary", null),
            new Route("POST", "/v1/traces", "{\"resourceSpans\":[]}"),
            // scorer-service
            new Route("POST", "/api/v1/evaluations", "{\"scorers\":[]}"),
            new Route("GET", "/api/v1/evaluations", null),
            new Route("GET", "/api/v1/evaluations/run-1", null),
            new Route("POST", "/api/v1/evaluations/run-1/cancel", null),
            new Route("POST", "/api/v1/experiments/0/scorers", "{\"name\":\"x\"}"),
            new Route("GET", "/api/v1/experiments/0/scorers", null),
            new Route("GET", "/api/v1/experiments/0/scorers/judge", null),
            new Route("GET", "/api/v1/experiments/0/scorers/judge/versions", null),
            new Route("DELETE", "/api/v1/experiments/0/scorers/judge", null),
            new Route("POST", "/api/v1/experiments/0/scorers/judge/start", "{\"sample_rate\":0.5}"),
            new Route("POST", "/api/v1/experiments/0/scorers/judge/update", "{\"sample_rate\":0.5}"),
            new Route("POST", "/api/v1/experiments/0/scorers/judge/stop", null),
            new Route("GET", "/api/v1/experiments/0/scorers/judge/online", null),
            new Route("GET", "/api/v1/experiments/0/online-scorers", null),
            // cost-service (the POST, PUT and DELETE ones are admin routes)
            new Route("GET", "/api/v1/prices", null),
            new Route("POST", "/api/v1/prices/reprice", null),
            new Route("PUT", "/api/v1/prices/overrides/m", "{\"input_cost_per_token\":\"0.000001\"}"),
            new Route("DELETE", "/api/v1/prices/overrides/m", null),
            // the gateway's own
            new Route("GET", "/q/metrics", null, 200, false),
            new Route("GET", "/version", null, 200, true),
            // the merged OpenAPI document of the public API (public; built from the services' documents, the gateway's
            // own part when they are down) and Quarkus' document of the gateway's routes alone (behind a token)
            new Route("GET", "/q/openapi", null, 200, true),
            new Route("GET", "/q/openapi-gateway", null, 200, false),
            // MLflow routes (dev.evalplane.gateway.mlflow): 503 TEMPORARILY_UNAVAILABLE when they reach for a service
            new Route("GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", null, 503, false),
            new Route("GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=x", null, 503, false),
            new Route("POST", "/api/2.0/mlflow/experiments/create", "{\"name\":\"x\"}", 503, false),
            new Route("POST", "/api/2.0/mlflow/experiments/search", "{}", 503, false),
            new Route("POST", "/api/3.0/mlflow/traces/search", "{\"locations\":[]}", 400, false), // its own body check
            new Route("GET", "/api/3.0/mlflow/traces/" + TRACE, null, 503, false),
            new Route("POST", "/api/3.0/mlflow/traces/" + TRACE + "/assessments", "{}", 400, false), // its own body check
            new Route("DELETE", "/api/3.0/mlflow/traces/" + TRACE + "/assessments/a-1", null, 503, false),
            // MLflow runs, link-to-run and the scorer registry (mlflow.runs, mlflow.scorers)
            new Route("POST", "/api/2.0/mlflow/runs/create", "{\"experiment_id\":\"0\"}", 503, false),
            new Route("POST", "/api/2.0/mlflow/runs/update", "{\"run_id\":\"r\",\"status\":\"FINISHED\"}", 503, false),
            new Route("GET", "/api/2.0/mlflow/runs/get?run_id=r", null, 503, false),
            new Route("POST", "/api/2.0/mlflow/runs/log-batch", "{\"run_id\":\"r\"}", 503, false),
            new Route("POST", "/api/2.0/mlflow/runs/log-metric", "{\"run_id\":\"r\",\"key\":\"m\",\"value\":1}", 503,
                    false),
            new Route("POST", "/api/2.0/mlflow/runs/log-parameter", "{\"run_id\":\"r\",\"key\":\"p\"}", 503, false),
            new Route("POST", "/api/2.0/mlflow/runs/set-tag", "{\"run_id\":\"r\",\"key\":\"t\"}", 503, false),
            new Route("POST", "/api/2.0/mlflow/runs/delete-tag", "{\"run_id\":\"r\",\"key\":\"t\"}", 503, false),
            new Route("POST", "/api/2.0/mlflow/runs/log-inputs", "{\"run_id\":\"r\"}", 503, false),
            new Route("POST", "/api/2.0/mlflow/runs/search", "{\"experiment_ids\":[\"0\"]}", 503, false),
            new Route("POST", "/api/2.0/mlflow/traces/link-to-run", "{\"run_id\":\"r\",\"trace_ids\":[\"" + TRACE
                    + "\"]}", 503, false),
            new Route("POST", "/api/3.0/mlflow/scorers/register", "{\"experiment_id\":\"0\",\"name\":\"x\","
                    + "\"serialized_scorer\":\"{}\"}", 503, false),
            new Route("GET", "/api/3.0/mlflow/scorers/list?experiment_id=0", null, 503, false),
            new Route("GET", "/api/3.0/mlflow/scorers/versions?experiment_id=0&name=x", null, 503, false),
            new Route("GET", "/api/3.0/mlflow/scorers/get?experiment_id=0&name=x", null, 503, false),
            new Route("DELETE", "/api/3.0/mlflow/scorers/delete?experiment_id=0&name=x", null, 503, false),
            new Route("GET", "/api/3.0/mlflow/scorers/online-configs?scorer_ids=s", null, 503, false),
            new Route("PUT", "/api/3.0/mlflow/scorers/online-config", "{\"experiment_id\":\"0\",\"name\":\"x\","
                    + "\"sample_rate\":0.5}", 503, false),
            // MLflow paths no resource serves yet (MlflowFallbackResources: ENDPOINT_NOT_FOUND)
            new Route("GET", "/api/2.0/mlflow/no-such-endpoint", null, 404, false),
            new Route("POST", "/api/3.0/mlflow/no-such-endpoint", "{}", 404, false),
            new Route("GET", "/ajax-api/2.0/mlflow/no-such-endpoint", null, 404, false));

    private GatewayRoutes() {
    }
}
