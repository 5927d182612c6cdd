package dev.evalplane.trace.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.LlmCall;
import dev.evalplane.events.TokenUsage;

/** The llm block's text written field by field against the mapper's bean serializer, which wrote it before. */
class LlmCallTextTests {

    private static final ObjectMapper MAPPER = EventJson.configure(new ObjectMapper());

    @Test
    void theTextIsTheSerializersForEveryShape() throws JsonProcessingException {
        List<String> names = new ArrayList<>();
        names.add(null);
        names.addAll(List.of("", "anthropic", "we\"ird \\ name \u0001 \u00e9 \ud83d\ude00 \u2028"));
        List<TokenUsage> usages = new ArrayList<>();
        usages.add(null);
        usages.add(new TokenUsage(null, null, null, null, null, null, null));
        usages.add(TokenUsage.of(120, 30));
        usages.add(new TokenUsage(1L, null, 3L, null, 5L, null, 7L));
        usages.add(new TokenUsage(null, 2L, null, 4L, null, 6L, null));
        usages.add(new TokenUsage(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, 1L << 40, 12L, 0L));
        int calls = 0;
        for (String provider : names) {
            for (String model : names) {
                for (TokenUsage usage : usages) {
                    LlmCall llm = new LlmCall(provider, model, usage);
                    assertThat(LlmCallText.of(MAPPER.getFactory(), llm)).as("%s", llm)
                            .isEqualTo(MAPPER.writeValueAsString(llm));
                    calls++;
                }
            }
        }
        assertThat(calls).isEqualTo(96);
        assertThat(LlmCallText.of(MAPPER.getFactory(), null)).isNull();
    }
}
