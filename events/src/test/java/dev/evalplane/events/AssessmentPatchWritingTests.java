package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.http.AssessmentPatchRequest;

/** A client writes only what it changes: Java null leaves a field out (keep), NullNode sends null (clear). */
class AssessmentPatchWritingTests {

    @Test
    void absentFieldsAreLeftOutAndAClearIsAnExplicitNull() throws Exception {
        String written = EventJson.mapper().writeValueAsString(
                new AssessmentPatchRequest(null, NullNode.getInstance(), TextNode.valueOf("why"), Map.of(), null));
        assertThat(written).isEqualTo("{\"value\":null,\"rationale\":\"why\",\"metadata\":{}}");
        AssessmentPatchRequest read = EventJson.mapper().readValue(written, AssessmentPatchRequest.class);
        assertThat(read.value()).isEqualTo(NullNode.getInstance());
        assertThat(read.name()).isNull();
    }
}
