package dev.evalplane.gateway.mlflow;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.MlflowPython;
import dev.evalplane.testsupport.RealStack;
import dev.evalplane.testsupport.ServiceProcess;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The real stack for the MLflow client tests, once per test JVM: the three services as packaged jars on the test
 * Kafka and PostgreSQL, the packaged gateway in front with authentication on (the client sends
 * MLFLOW_TRACKING_TOKEN as its bearer token), the fake LLM provider, and the pinned MLflow Python client.
 */
public final class MlflowStack {

    public static final String TOKEN = "mlflow-client-test-token";
    private static MlflowStack instance;

    public final FakeLlmProvider llm;
    public final RealStack services;
    public final ServiceProcess gateway;
    public final MlflowPython python;

    private MlflowStack() {
        python = MlflowPython.get();
        llm = FakeLlmProvider.start();
        services = RealStack.start(llm);
        gateway = services.startGateway(Map.of("evalplane.auth.enabled", "true", "evalplane.auth.tokens", TOKEN));
    }

    public static synchronized MlflowStack get() {
        if (instance == null) {
            instance = new MlflowStack();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                instance.gateway.close();
                instance.services.close();
                instance.llm.close();
            }, "mlflow-stack-stop"));
        }
        return instance;
    }

    /** A request to the gateway as the client makes it: its base URL and bearer token. */
    public RequestSpecification api() {
        return RestAssured.given().baseUri(trackingUri()).header("Authorization", "Bearer " + TOKEN);
    }

    /** The gateway's base URL: the client's MLFLOW_TRACKING_URI. */
    public String trackingUri() {
        return gateway.url("");
    }

    /** Runs a script of {@code src/test/resources/mlflow/} against the gateway with the token and returns its JSON. */
    public JsonNode run(String script, Map<String, String> extraEnvironment) {
        JsonNode out = runRaw(script, TOKEN, extraEnvironment).json();
        if (out.has("seconds")) {
            System.out.printf("mlflow client calls of %s took %s s%n", script, out.get("seconds").asText());
        }
        return out;
    }

    public JsonNode run(String script) {
        return run(script, Map.of());
    }

    /** Runs a script with the given token (null: none) and returns what it did, for tests of failures. */
    public MlflowPython.Result runRaw(String script, String token, Map<String, String> extraEnvironment) {
        Map<String, String> env = new HashMap<>(MlflowPython.trackingEnvironment(trackingUri(), token));
        env.putAll(extraEnvironment);
        long start = System.nanoTime();
        MlflowPython.Result result = python.runResource("/mlflow/" + script, env, Duration.ofMinutes(5));
        // a figure for people comparing with `mlflow server` (never asserted: timings live in bench/)
        System.out.printf("mlflow client script %s took %d ms (python start and import included)%n", script,
                (System.nanoTime() - start) / 1_000_000);
        return result;
    }
}
