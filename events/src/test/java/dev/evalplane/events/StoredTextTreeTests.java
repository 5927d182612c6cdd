package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** {@link StoredText#clean(JsonNode)} on every kind of node, nested: what changes, and what is left as it is. */
class StoredTextTreeTests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    @Test
    void everyKindOfNodeIsCleanedInPlaceAtAnyDepth() {
        ObjectNode tree = JSON.objectNode();
        tree.put("text", "nul\u0000");
        tree.put("lone\uD800", "key");
        tree.put("nan", Double.NaN);
        tree.put("inf", Float.POSITIVE_INFINITY);
        tree.put("huge", new BigDecimal("1E+100000"));
        ArrayNode list = tree.putArray("list");
        list.add("ok").add("\uDC00tail").add(Double.NEGATIVE_INFINITY).addObject().put("deep", "a\u0000b");
        list.addArray().add(1.5f).add(new BigDecimal("2.50"));
        keptKinds(tree.putObject("kept"));

        JsonNode cleaned = StoredText.clean(tree);

        assertThat(cleaned).isSameAs(tree);
        ObjectNode expected = JSON.objectNode();
        expected.put("text", "nul\uFFFD");
        expected.put("nan", "NaN");
        expected.put("inf", "Infinity");
        expected.put("huge", "1E+100000");
        ArrayNode expectedList = expected.putArray("list");
        expectedList.add("ok").add("\uFFFDtail").add("-Infinity").addObject().put("deep", "a\uFFFDb");
        expectedList.addArray().add(1.5f).add(new BigDecimal("2.50"));
        keptKinds(expected.putObject("kept"));
        expected.put("lone\uFFFD", "key");
        assertThat(cleaned).isEqualTo(expected);
    }

    @Test
    void aTreeThatNeedsNothingIsReturnedUnchanged() {
        ObjectNode tree = JSON.objectNode();
        keptKinds(tree);
        tree.putArray("list").add("é 😀").addObject().put("n", 2.5);
        ObjectNode copy = tree.deepCopy();

        assertThat(StoredText.clean(tree)).isSameAs(tree).isEqualTo(copy);
        TextNode text = TextNode.valueOf("plain");
        assertThat(StoredText.clean(text)).isSameAs(text);
        assertThat(StoredText.clean((JsonNode) null)).isNull();
    }

    private static void keptKinds(ObjectNode object) {
        object.put("bool", true);
        object.putNull("null");
        object.put("int", 7);
        object.put("long", 7_000_000_000L);
        object.put("big", new BigInteger("123456789012345678901234567890"));
        object.put("decimal", new BigDecimal("1E+999"));
        object.put("double", 0.25);
        object.put("binary", new byte[] { 1, 2 });
        object.putPOJO("pojo", Double.NaN);
    }
}
