package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** {@link StoredText#cleanValues}: the same map when nothing needs cleaning, else a cleaned copy in the same order. */
class StoredTextValuesTests {

    @Test
    void aMapThatNeedsNothingIsReturnedAsItIs() {
        Map<String, JsonNode> map = map("a", TextNode.valueOf("x"), "b", IntNode.valueOf(1), "c", TextNode.valueOf("é 😀"));
        assertThat(StoredText.cleanValues(map)).isSameAs(map);
        assertThat(StoredText.cleanValues(Map.of())).isEmpty();
        assertThat(StoredText.cleanValues(null)).isNull();
    }

    @Test
    void aValueOrKeyThatNeedsCleaningGivesACleanedCopyInTheSameOrder() {
        for (int changed = 0; changed < 3; changed++) {
            Map<String, JsonNode> map = new LinkedHashMap<>();
            map.put("a", TextNode.valueOf("x"));
            map.put("b", IntNode.valueOf(1));
            map.put("c", TextNode.valueOf("y"));
            String key = List.of("a", "b", "c").get(changed);
            map.put(key, TextNode.valueOf("nul\u0000"));
            Map<String, JsonNode> cleaned = StoredText.cleanValues(map);
            assertThat(cleaned).as("changed %s", key).isNotSameAs(map).containsExactlyEntriesOf(replace(map, key,
                    TextNode.valueOf("nul\uFFFD")));
            assertThat(map.get(key).textValue()).as("the original map is left alone").isEqualTo("nul\u0000");
        }
        Map<String, JsonNode> map = map("a", TextNode.valueOf("x"), "k\u0000", IntNode.valueOf(2), "n",
                DoubleNode.valueOf(Double.NaN));
        assertThat(StoredText.cleanValues(map)).containsExactlyEntriesOf(map("a", TextNode.valueOf("x"), "k\uFFFD",
                IntNode.valueOf(2), "n", TextNode.valueOf("NaN")));
    }

    private static Map<String, JsonNode> replace(Map<String, JsonNode> map, String key, JsonNode value) {
        Map<String, JsonNode> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, JsonNode> map(String k1, JsonNode v1, String k2, JsonNode v2, String k3, JsonNode v3) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        map.put(k3, v3);
        return map;
    }
}
