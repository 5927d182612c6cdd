package dev.evalplane.bench.badinput;

import static dev.evalplane.bench.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.support.TestStack;

/**
 * Template judges with invalid instructions, sent through the gateway: a 400 problem naming what is wrong, and no
 * run is created (no judge call reaches the provider).
 */
class InvalidTemplateIT {

    private static final List<Map<String, Object>> ROWS = List.of(
            Map.of("inputs", Map.of("question", "What is 2+2?"), "outputs", "4"));

    @Test
    void invalidInstructionsAreClearProblemsAndNothingRuns() {
        TestStack stack = TestStack.get();
        int requestsBefore = stack.llm.requests().size();
        Map<String, String> cases = Map.of(
                "Is {{ outputs }} supported by {{ context }}?", "{{ context }}",
                "Is the answer polite?", "at least one of",
                "Given {{ trace }}, is {{ outputs }} right?", "cannot be combined",
                "Rate {{ inputs.question }} only", "at least one of",
                "", "instructions",
                "{{ __import__('os').system('id') }}", "at least one of",
                "{{ secret }} {{ outputs }}", "{{ secret }}");
        cases.forEach((instructions, detail) -> assertProblem(evaluate(stack, instructions), 400, detail));
        assertThat(stack.llm.requests().size()).as("provider requests").isEqualTo(requestsBefore);
    }

    private static Http.Reply evaluate(TestStack stack, String instructions) {
        return Http.postJson(stack.gateway("/api/v1/evaluations"), Map.of("data", ROWS,
                "scorers", List.of(Map.of("judge", Map.of("name", "bad_template", "instructions", instructions)))));
    }
}
