package dev.evalplane.trace.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.trace.otlp.decoding.OtlpJsonDecoder;
import dev.evalplane.trace.otlp.decoding.OtlpMediaType;
import dev.evalplane.trace.otlp.decoding.OtlpRequestDecoder;
import dev.evalplane.trace.otlp.mapping.IngestContext;
import dev.evalplane.trace.otlp.mapping.OtlpSpanMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;

/** Golden mapping cases: OTLP/JSON request fixtures to the SpanEvents expected on the {@code spans} topic. */
class OtlpSpanMapperTests {

    private final OtlpJsonDecoder jsonDecoder = new OtlpJsonDecoder(OtlpFixtures.JSON);
    private final OtlpSpanMapper mapper = new OtlpSpanMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            "mlflow-llm,         7,    null",
            "genai-chat,         7,    null",
            "openinference-llm,  7,    null",
            "tool,               7,    null",
            "root-with-tags,     null, run-42"})
    void mapsGoldenCase(String name, String experimentHeader, String runHeader) {
        ExportTraceServiceRequest request = jsonDecoder.decode(OtlpFixtures.bytes(name + ".request.json"));

        List<SpanEvent> events = mapper.map(request, IngestContext.of(experimentHeader, runHeader));

        assertThat(OtlpFixtures.differences(OtlpFixtures.json(name + ".expected.json"), OtlpFixtures.asJson(events)))
                .isEmpty();
    }

    @Test
    void protobufAndJsonEncodingsOfOneRequestMapAlike() {
        ExportTraceServiceRequest fromJson = jsonDecoder.decode(OtlpFixtures.bytes("genai-chat.request.json"));
        OtlpRequestDecoder decoder = new OtlpRequestDecoder(jsonDecoder, 1 << 20);

        ExportTraceServiceRequest fromProtobuf = decoder.decode(fromJson.toByteArray(), OtlpMediaType.PROTOBUF, null);

        IngestContext context = IngestContext.of("7", null);
        assertThat(OtlpFixtures.differences(OtlpFixtures.json("genai-chat.expected.json"),
                OtlpFixtures.asJson(mapper.map(fromProtobuf, context)))).isEmpty();
    }

    @Test
    void experimentDefaultsToZeroWithoutHeaderOrAttribute() {
        List<SpanEvent> events = mapper.map(request(span().build()), IngestContext.of(" ", null));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.experimentId()).isEqualTo("0");
            assertThat(e.spanType()).isEqualTo("UNKNOWN");
            assertThat(e.parentSpanId()).isNull();
            assertThat(e.traceMetadata()).isNull();
            assertThat(e.llm()).isNull();
        });
    }

    @Test
    void providerAloneIsNoLlmCallButModelAloneIs() {
        SpanEvent providerOnly = mapOne(span().addAttributes(attr("gen_ai.provider.name", "openai")));
        SpanEvent modelOnly = mapOne(span().addAttributes(attr("llm.model_name", "gpt-4o")));

        assertThat(providerOnly.llm()).isNull();
        assertThat(modelOnly.llm().model()).isEqualTo("gpt-4o");
        assertThat(modelOnly.llm().usage()).isNull();
    }

    @Test
    void usageComesWholeFromTheFirstConventionThatHasIt() {
        SpanEvent event = mapOne(span()
                .addAttributes(attr("gen_ai.usage.output_tokens", 10))
                .addAttributes(attr("llm.token_count.prompt", 300))
                .addAttributes(attr("llm.token_count.completion", 40)));

        assertThat(event.llm().usage()).isEqualTo(new TokenUsage(null, 10L, null, null, null, null));
    }

    @Test
    void mlflowTokenUsageWithoutTotalGetsTheSum() {
        SpanEvent event = mapOne(span()
                .addAttributes(attr("mlflow.chat.tokenUsage", "{\"input_tokens\": 12, \"output_tokens\": 3}"))
                .addAttributes(attr("openinference.span.kind", "chain")));

        assertThat(event.llm().usage()).isEqualTo(new TokenUsage(12L, 3L, 15L, null, null, null));
        assertThat(event.spanType()).isEqualTo("CHAIN");
    }

    @Test
    void unknownOpenInferenceKindFallsThroughToGenAiOperation() {
        SpanEvent event = mapOne(span()
                .addAttributes(attr("openinference.span.kind", "PROMPT"))
                .addAttributes(attr("gen_ai.operation.name", "embeddings")));

        assertThat(event.spanType()).isEqualTo("EMBEDDING");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "LLM         | LLM  | \"LLM\"",
            "\"TOOL\"    | TOOL | \"TOOL\"",
            "true        | true | true",
            "the answer  | the answer | \"the answer\""})
    void mlflowAttributesAreDecodedWhenJsonAndKeptAsTextOtherwise(String sent, String spanType, String stored) {
        SpanEvent event = mapOne(span().addAttributes(attr("mlflow.spanType", sent)));

        assertThat(event.spanType()).isEqualTo(spanType);
        assertThat(event.attributes().get("mlflow.spanType")).hasToString(stored);
    }

    private SpanEvent mapOne(Span.Builder span) {
        return mapper.map(request(span.build()), IngestContext.of("1", null)).get(0);
    }

    private static Span.Builder span() {
        return Span.newBuilder().setTraceId(OtlpBytes.hex("0af7651916cd43dd8448eb211c80319c"))
                .setSpanId(OtlpBytes.hex("b7ad6b7169203331")).setName("s")
                .setStartTimeUnixNano(1L).setEndTimeUnixNano(2L);
    }

    private static ExportTraceServiceRequest request(Span span) {
        return OtlpBytes.request(span);
    }

    private static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue attr(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
