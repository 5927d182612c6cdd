package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Bad evaluation requests get a 400 problem+json that says what is wrong, and nothing runs. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class EvaluationValidationTests {

    private static final String ROW = "{\"inputs\": {\"question\": \"2+2?\"}, \"outputs\": \"4\"}";
    private FakeLlmProvider fake;

    @BeforeEach
    void fake() {
        fake = FakeLlm.get();
    }

    private void rejected(String body, String detail) {
        given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid evaluation request"))
                .body("type", equalTo("https://evalplane.dev/problems/invalid-evaluation-request"))
                .body("detail", containsString(detail));
        assertThat(fake.requests()).as("no judge was called").isEmpty();
    }

    private static String judge(String judge) {
        return "{\"data\": [" + ROW + "], \"scorers\": [{\"judge\": " + judge + "}]}";
    }

    @Test
    void bodyMustBeJsonObject() {
        rejected("{not json", "not valid JSON");
        rejected("[1, 2]", "must be a JSON object");
    }

    @Test
    void exactlyOneSource() {
        rejected("{\"scorers\": [{\"builtin\": \"Safety\"}]}",
                "exactly one of data, trace_ids, filter_string is required; none was given");
        rejected("{\"data\": [" + ROW + "], \"trace_ids\": [\"tr-0123456789abcdef0123456789abcdef\"],"
                + " \"scorers\": [{\"builtin\": \"Safety\"}]}", "got data, trace_ids");
        rejected("{\"trace_ids\": [\"abc\"], \"scorers\": [{\"builtin\": \"Safety\"}]}",
                "trace_ids[0] \"abc\" is not a trace id");
        rejected("{\"data\": [{\"outputs\": \"4\"}], \"scorers\": [{\"builtin\": \"Safety\"}]}",
                "data[0] must be an object with \"inputs\"");
    }

    @Test
    void scorersAreCheckedUpFront() {
        rejected("{\"data\": [" + ROW + "], \"scorers\": []}", "scorers must be a non-empty list");
        rejected("{\"data\": [" + ROW + "], \"scorers\": [{\"builtin\": \"Helpfulness\"}]}",
                "scorers[0]: unknown built-in scorer \"Helpfulness\"");
        rejected("{\"data\": [" + ROW + "], \"scorers\": [{\"builtin\": \"Guidelines\"}]}",
                "scorers[0]: Guidelines needs \"guidelines\"");
        rejected("{\"data\": [" + ROW + "], \"scorers\": [{\"builtin\": \"Safety\"}, {\"builtin\": \"safety\"}]}",
                "scorers[1]: another scorer already has the name 'safety'");
        rejected("{\"data\": [" + ROW + "], \"scorers\": [{\"registered\": \"my_judge\"}]}",
                "scorers[0]: no scorer 'my_judge' is registered in experiment '0'");
        rejected("{\"data\": [" + ROW + "], \"scorers\": [{\"builtin\": \"Safety\", \"aggregations\": [\"p99\"]}]}",
                "unsupported aggregation \"p99\"");
    }

    @Test
    void templateJudgeRules() {
        rejected(judge("{\"name\": \"polite\", \"instructions\": \"Is the answer polite?\"}"),
                "judge 'polite': instructions must use at least one of {{ inputs }}");
        rejected(judge("{\"name\": \"ctx\", \"instructions\": \"Is {{ outputs }} supported by {{ context }}?\"}"),
                "unknown template variable {{ context }}");
        rejected(judge("{\"name\": \"mixed\", \"instructions\": \"Given {{ trace }}, is {{ outputs }} right?\"}"),
                "{{ trace }} cannot be combined with {{ inputs }} or {{ outputs }}");
        rejected(judge("{\"name\": \"typed\", \"instructions\": \"Rate {{ outputs }}\", \"feedback_value_type\": \"dict\"}"),
                "feedback_value_type 'dict' is not supported");
        rejected(judge("{\"name\": \"a.b\", \"instructions\": \"Rate {{ outputs }}\"}"), "without '.'");
        rejected(judge("{\"instructions\": \"Rate {{ outputs }}\"}"), "judge needs a \"name\"");
        rejected(judge("{\"name\": \"empty\", \"instructions\": \"  \"}"), "needs non-empty \"instructions\"");
        rejected(judge("{\"name\": \"cats\", \"instructions\": \"Rate {{ outputs }}\", \"feedback_value_type\": [\"a\"]}"),
                "at least two distinct");
    }

    @Test
    void dataRowsMustGiveEachScorerWhatItNeeds() {
        rejected("{\"data\": [{\"inputs\": \"q\", \"outputs\": \"a\", \"expectations\": {\"expected_response\": \"a\"}},"
                + " " + ROW + "], \"scorers\": [{\"builtin\": \"Correctness\"}]}",
                "data[1]: Correctness needs expectations expected_response or expected_facts");
        rejected("{\"data\": [{\"inputs\": \"q\"}], \"scorers\": [{\"builtin\": \"Safety\"}]}",
                "data[0]: Safety needs the response (outputs)");
        rejected("{\"data\": [" + ROW + "], \"scorers\": [{\"builtin\": \"RetrievalGroundedness\"}]}",
                "needs traces with RETRIEVER spans");
        rejected(judge("{\"name\": \"exp\", \"instructions\": \"Does {{ outputs }} meet {{ expectations }}?\"}"),
                "Must specify 'expectations'");
    }

    @Test
    void modelAndLimits() {
        rejected("{\"data\": [" + ROW + "], \"model\": \"gpt-4\", \"scorers\": [{\"builtin\": \"Safety\"}]}",
                "model: model URI 'gpt-4' is not of the form provider:/model");
        rejected("{\"data\": [" + ROW + "], \"scorers\": [{\"builtin\": \"Safety\", \"model\": \"gemini:/gemini-2.5\"}]}",
                "model provider 'gemini' is not supported");
        rejected("{\"data\": [" + ROW + "], \"max_concurrency\": 0, \"scorers\": [{\"builtin\": \"Safety\"}]}",
                "max_concurrency must be an integer from 1 to");
        rejected("{\"data\": [" + ROW + "], \"budget_usd\": -1, \"scorers\": [{\"builtin\": \"Safety\"}]}",
                "budget_usd must be a positive number");
    }

    @Test
    void unknownRunIsA404Problem() {
        given().get("/api/v1/evaluations/00000000000000000000000000000000").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("no evaluation run with id 00000000000000000000000000000000"));
    }
}
