package dev.evalplane.cost.messaging;

import java.nio.charset.StandardCharsets;

/**
 * Tells from a {@code spans} record's raw bytes, without parsing it, that it cannot be an LLM span: cost-service
 * prices exactly the spans whose top-level {@code llm} field is not null ({@code SpanEvent.llm}, CONTRACTS.md:
 * "cost-service reads only {@code llm}"), and most spans are not LLM calls. Conservative: it answers "may have one"
 * for every record in which the JSON reading could find a non-null {@code llm}, and "cannot" only when
 * <ul>
 * <li>every occurrence of the bytes {@code "llm"} is followed by JSON whitespace, {@code :}, whitespace and
 * {@code null} (producers write {@code "llm":null} on spans that are not LLM calls), and</li>
 * <li>nothing could spell the name differently for the parser: no <code>&#92;u</code> escape (a name such as
 * <code>"l&#92;u006cm"</code>), no NUL byte (Jackson reads UTF-16 and UTF-32 documents, where {@code "llm"} is not
 * contiguous), no overlong UTF-8 lead byte that Jackson decodes to ASCII in a name ({@code C0}, {@code C1},
 * {@code E0} followed by {@code 80..9F}).</li>
 * </ul>
 * The only other spellings of a JSON name are simple escapes ({@code \"}, {@code \\}, {@code \/}, {@code \b},
 * {@code \f}, {@code \n}, {@code \r}, {@code \t}), none of which is a letter of {@code llm}; unquoted or
 * single-quoted names are not JSON and the reading refuses them. {@code LlmBlockFilterTests} checks this against the
 * reading itself.
 */
final class LlmBlockFilter {

    private static final String LLM_NAME = "\"llm\"";

    private LlmBlockFilter() {
    }

    /**
     * Whether the JSON value in {@code bytes[from, to)} may have a non-null top-level {@code llm} field. The bytes are
     * searched as a Latin-1 string, one byte a character, so each search is the JVM's vectorised {@code indexOf}
     * (about a third of the time of a byte-by-byte loop on the bench's records).
     */
    static boolean mayHaveLlmBlock(byte[] bytes, int from, int to) {
        String text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        if (text.indexOf(0) >= 0 || text.indexOf(0xC0) >= 0 || text.indexOf(0xC1) >= 0 || hasOverlongE0(text)) {
            return true;
        }
        for (int b = text.indexOf('\\'); b >= 0; b = text.indexOf('\\', b + 2)) {
            if (b + 1 < text.length() && text.charAt(b + 1) == 'u') {
                return true;
            }
        }
        for (int q = text.indexOf(LLM_NAME); q >= 0; q = text.indexOf(LLM_NAME, q + 1)) {
            if (!followedByNull(text, q + LLM_NAME.length())) {
                return true;
            }
        }
        return false;
    }

    /** {@code E0} followed by {@code 80..9F}: an overlong 3-byte sequence (U+0000..U+07FF). */
    private static boolean hasOverlongE0(String text) {
        for (int e = text.indexOf(0xE0); e >= 0; e = text.indexOf(0xE0, e + 1)) {
            if (e + 1 >= text.length() || text.charAt(e + 1) < 0xA0) {
                return true;
            }
        }
        return false;
    }

    /** {@code ws : ws null} from {@code i}. */
    private static boolean followedByNull(String text, int i) {
        i = skipWhitespace(text, i);
        if (i >= text.length() || text.charAt(i) != ':') {
            return false;
        }
        return text.startsWith("null", skipWhitespace(text, i + 1));
    }

    private static int skipWhitespace(String text, int i) {
        while (i < text.length() && " \n\r\t".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
