package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class SearchTests {

    /** 25 traces, one per second, with tags and metadata that the filters below pick from. */
    private static final String EXPERIMENT = "exp-search-" + Ids.newSpanId();
    private static final List<String> TRACE_IDS = new ArrayList<>();

    private static boolean stored;

    /** Once per class; in @BeforeEach because rest-assured only knows the app's port from then on. */
    @BeforeEach
    void storeTraces() {
        if (stored) {
            return;
        }
        stored = true;
        for (int i = 0; i < 25; i++) {
            String traceId = Ids.newTraceId();
            TRACE_IDS.add(traceId);
            Map<String, String> tags = new HashMap<>(Map.of("parity", i % 2 == 0 ? "even" : "odd",
                    "mlflow.traceName", "job-" + i));
            if (i == 3) {
                tags.put("quote", "a' OR 1=1 --");
                tags.put("ключ ✓", "値 \uD83D\uDE00");
            }
            Spans.sendTrace(traceId, EXPERIMENT, i * 1000L, tags, Map.of("mlflow.sourceRun", i < 5 ? "run-a" : "run-b"));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                search(Map.of("max_results", 500)).statusCode(200).body("traces", hasSize(25)));
    }

    @Test
    void pagesAreExactWithoutDuplicates() {
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("max_results", 10));
            if (token != null) {
                body.put("page_token", token);
            }
            ValidatableResponse page = search(body).statusCode(200);
            List<String> ids = page.extract().path("traces.trace_id");
            sizes.add(ids.size());
            seen.addAll(ids);
            token = page.extract().path("next_page_token");
        } while (token != null);
        assertThat(sizes).containsExactly(10, 10, 5);
        List<String> newestFirst = new ArrayList<>(TRACE_IDS);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void filtersByAttributesTagsMetadataAndRun() {
        long base = Spans.BASE_NS / 1_000_000;
        assertThat(ids("attributes.timestamp_ms >= " + (base + 20_000))).containsExactlyInAnyOrderElementsOf(TRACE_IDS.subList(20, 25));
        assertThat(ids("tags.parity = 'odd' AND timestamp_ms < " + (base + 6_000))).containsExactlyInAnyOrder(
                TRACE_IDS.get(1), TRACE_IDS.get(3), TRACE_IDS.get(5));
        assertThat(ids("run_id = 'run-a'")).containsExactlyInAnyOrderElementsOf(TRACE_IDS.subList(0, 5));
        assertThat(ids("metadata.mlflow.sourceRun != 'run-b'")).containsExactlyInAnyOrderElementsOf(TRACE_IDS.subList(0, 5));
        assertThat(ids("name IN ('job-7', 'job-8')")).containsExactlyInAnyOrder(TRACE_IDS.get(7), TRACE_IDS.get(8));
        assertThat(ids("tags.`mlflow.traceName` LIKE 'job-2%'")).hasSize(6);
        assertThat(ids("tags.quote IS NOT NULL AND status = 'OK'")).containsExactly(TRACE_IDS.get(3));
        assertThat(ids("tags.`ключ ✓` = '値 \uD83D\uDE00'")).containsExactly(TRACE_IDS.get(3));
        assertThat(ids("tags.quote = 'a'' OR 1=1 --'")).containsExactly(TRACE_IDS.get(3));
        assertThat(ids("attributes.request_id = '" + TRACE_IDS.get(9) + "'")).containsExactly(TRACE_IDS.get(9));
        assertThat(ids("execution_time_ms > 100")).isEmpty();
    }

    @Test
    void hostileStringsMatchNothingAndBreakNothing() {
        for (String hostile : List.of("tags.parity = 'x'' OR ''1''=''1'", "tags.`parity' OR 1=1 --` = 'even'",
                "metadata.`mlflow.sourceRun'); DROP TABLE traces; --` = 'run-a'", "tags.parity = '%'",
                "tags.parity LIKE '\\'", "tags.parity IN ('even'')--', 'x')", "name = '\uD83D\uDE00\u202E\uFEFF'",
                "run_id = ''' OR true --'")) {
            ValidatableResponse response = search(Map.of("filter_string", hostile));
            int status = response.extract().statusCode();
            if (status == 200) {
                response.body("traces", hasSize(0));
            } else {
                response.statusCode(400).contentType("application/problem+json");
            }
        }
        search(Map.of("max_results", 500)).statusCode(200).body("traces", hasSize(25));
    }

    @Test
    void ordersByExecutionTimeAndTimestamp() {
        List<String> ascending = search(Map.of("order_by", List.of("timestamp_ms ASC"), "max_results", 500))
                .statusCode(200).extract().path("traces.trace_id");
        assertThat(ascending).containsExactlyElementsOf(TRACE_IDS);
        List<String> byDuration = new ArrayList<>();
        String token = null;
        do {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("order_by", List.of("execution_time_ms ASC",
                    "timestamp_ms DESC"), "max_results", 7));
            if (token != null) {
                body.put("page_token", token);
            }
            ValidatableResponse page = search(body).statusCode(200);
            byDuration.addAll(page.extract().path("traces.trace_id"));
            token = page.extract().path("next_page_token");
        } while (token != null);
        List<String> newestFirst = new ArrayList<>(TRACE_IDS);
        java.util.Collections.reverse(newestFirst);
        assertThat(byDuration).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void badRequestsAreProblemsNamingTheCause() {
        search(Map.of("filter_string", "tags.x = 'a' OR tags.y = 'b'")).statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("title", equalTo("Invalid filter_string or order_by"))
                .body("detail", containsString("OR is not supported")).body("position", equalTo(13));
        search(Map.of("order_by", List.of("tags.x"))).statusCode(400).body("detail", containsString("cannot order by"));
        search(Map.of("max_results", 501)).statusCode(400).body("detail", containsString("max_results"));
        search(Map.of("page_token", "not-a-token")).statusCode(400).body("title", equalTo("Invalid page_token"));
        String token = search(Map.of("max_results", 1)).extract().path("next_page_token");
        search(Map.of("page_token", token, "filter_string", "tags.parity = 'odd'")).statusCode(400)
                .body("detail", containsString("different query"));
        given().contentType(ContentType.JSON).body("{\"filter_string\": \"x\"}").post("/api/v1/traces/search")
                .then().statusCode(400).body("detail", containsString("experiment_ids"));
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/traces/search")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
    }

    private static List<String> ids(String filter) {
        return search(Map.of("filter_string", filter, "max_results", 500)).statusCode(200).extract().path("traces.trace_id");
    }

    private static ValidatableResponse search(Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("experiment_ids", List.of(EXPERIMENT));
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/traces/search").then();
    }
}
