package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Named experiments: create with unique names, read by id and by name, search by MLflow filter with order and
 * pages, tag edits; "0" is "Default"; an experiment id that only appears in traces reads as an experiment named
 * after it, and takes tags.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class ExperimentApiTests {

    @Test
    void createdExperimentsHaveUniqueNamesAndAreFoundByIdAndName() {
        String name = "exp-api " + Ids.newSpanId();
        String id = given().contentType(ContentType.JSON).body(Map.of("name", name, "tags", Map.of("team", "search")))
                .post("/api/v1/experiments").then().statusCode(201)
                .body("name", equalTo(name)).body("tags.team", equalTo("search")).body("registered", equalTo(true))
                .extract().path("experiment_id");
        assertThat(id).matches("[0-9]{10}");
        assertThat(Long.parseLong(id)).isLessThanOrEqualTo(Integer.MAX_VALUE);

        given().get("/api/v1/experiments/" + id).then().statusCode(200).body("name", equalTo(name));
        given().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/v1/experiments/search").then()
                .statusCode(200).body("experiments", hasSize(1)).body("experiments[0].experiment_id", equalTo(id));
        given().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/v1/experiments").then()
                .statusCode(409).body("detail", containsString("already exists"));
        given().get("/api/v1/experiments/0").then().statusCode(200).body("name", equalTo("Default"));
        given().get("/api/v1/experiments/no-such-experiment").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("name", " ")).post("/api/v1/experiments").then()
                .statusCode(400);
    }

    @Test
    void tagsAreSetAndDeleted() {
        String id = given().contentType(ContentType.JSON).body(Map.of("name", "exp-tags " + Ids.newSpanId()))
                .post("/api/v1/experiments").then().statusCode(201).extract().path("experiment_id");
        given().contentType(ContentType.JSON).body(Map.of("set", Map.of("a", "1", "b", "2")))
                .patch("/api/v1/experiments/" + id + "/tags").then().statusCode(200)
                .body("tags.a", equalTo("1")).body("tags.b", equalTo("2"));
        given().contentType(ContentType.JSON).body(Map.of("delete", List.of("a")))
                .patch("/api/v1/experiments/" + id + "/tags").then().statusCode(200)
                .body("tags.size()", equalTo(1)).body("tags.b", equalTo("2"));
        given().contentType(ContentType.JSON).body(Map.of("set", Map.of("a", "1")))
                .patch("/api/v1/experiments/missing-" + Ids.newSpanId() + "/tags").then().statusCode(404);
    }

    @Test
    void traceOnlyExperimentIdsReadAsExperimentsNamedAfterThemAndTakeTags() {
        String experiment = "otel-exp-" + Ids.newSpanId();
        String trace = Ids.newTraceId();
        Spans.sendTrace(trace, experiment, 0, null, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/traces/" + trace).then()
                .statusCode(200));

        given().get("/api/v1/experiments/" + experiment).then().statusCode(200)
                .body("name", equalTo(experiment)).body("registered", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("name", experiment)).post("/api/v1/experiments/search")
                .then().statusCode(200).body("experiments[0].experiment_id", equalTo(experiment));
        given().contentType(ContentType.JSON).body(Map.of("set", Map.of("owner", "ops")))
                .patch("/api/v1/experiments/" + experiment + "/tags").then().statusCode(200)
                .body("name", equalTo(experiment)).body("tags.owner", equalTo("ops")).body("registered", equalTo(true));
    }

    @Test
    void searchFiltersOrdersAndPages() {
        String prefix = "exp-page-" + Ids.newSpanId() + "-";
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(Map.of("name", prefix + i, "tags", Map.of("parity", i % 2 == 0
                    ? "even" : "odd"))).post("/api/v1/experiments").then().statusCode(201);
        }
        List<String> names = new java.util.ArrayList<>();
        String token = null;
        do {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("filter_string", "name LIKE '" + prefix
                    + "%' AND tags.parity = 'even'", "order_by", List.of("name DESC"), "max_results", 2));
            if (token != null) {
                body.put("page_token", token);
            }
            var page = given().contentType(ContentType.JSON).body(body).post("/api/v1/experiments/search").then()
                    .statusCode(200).extract().jsonPath();
            names.addAll(page.getList("experiments.name"));
            token = page.getString("next_page_token");
        } while (token != null);
        assertThat(names).containsExactly(prefix + 4, prefix + 2, prefix + 0);

        for (String bad : List.of("name = 'x' OR name = 'y'", "owner = 'x'", "name = 1", "tags.x LIKE")) {
            given().contentType(ContentType.JSON).body(Map.of("filter_string", bad)).post("/api/v1/experiments/search")
                    .then().statusCode(400);
        }
        given().contentType(ContentType.JSON).body(Map.of("order_by", List.of("name; DROP TABLE x")))
                .post("/api/v1/experiments/search").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("page_token", "bm90LWEtdG9rZW4"))
                .post("/api/v1/experiments/search").then().statusCode(400);
    }
}
