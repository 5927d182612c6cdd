package dev.evalplane.gateway.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides whether a raw request path (as it came on the request line, still percent-encoded) is canonical: one that
 * every reader (the auth filter, the router, JAX-RS, the upstream service) understands the same way. A canonical path
 * starts with {@code /}, has no empty ({@code //}) and no dot ({@code .}, {@code ..}) segments, no matrix parameters
 * ({@code ;}), no backslash, only RFC 3986 path characters, and percent-encodes only what must be encoded: never an
 * unreserved character ({@code %61}, {@code %2e}), never {@code /}, {@code \}, {@code ;} or {@code %} (no double
 * encoding), never a control character, and only valid UTF-8. Such a path needs no normalising: the raw path is the
 * path the gateway decides on and the path it forwards. Anything else is ambiguous and refused with a 400.
 */
public final class CanonicalPath {

    private static final String SUB_DELIMS_WITHOUT_SEMICOLON = "!$&'()*+,=";

    /** Why {@code rawPath} is not canonical, or empty when it is. */
    public static Optional<String> ambiguity(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.of("the path must start with '/'");
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                int value = i + 2 < rawPath.length() ? hexByte(rawPath.charAt(i + 1), rawPath.charAt(i + 2)) : -1;
                if (value < 0) {
                    return Optional.of("'%' must start a percent-encoded byte (%XX)");
                }
                Optional<String> refused = refusedEncoding(value);
                if (refused.isPresent()) {
                    return refused;
                }
                encoded.write(value);
                i += 2;
                continue;
            }
            Optional<String> invalid = invalidUtf8(encoded);
            if (invalid.isPresent()) {
                return invalid;
            }
            if (c == ';') {
                return Optional.of("matrix parameters (';') are not accepted in a path");
            }
            if (!isPathChar(c)) {
                return Optional.of(c < 0x20 || c >= 0x7f
                        ? String.format("the character U+%04X must be percent-encoded", (int) c)
                        : "the character '" + c + "' is not allowed in a path");
            }
        }
        Optional<String> invalid = invalidUtf8(encoded);
        if (invalid.isPresent()) {
            return invalid;
        }
        if (rawPath.contains("//")) {
            return Optional.of("empty path segments ('//') are not accepted");
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("dot segments ('/./', '/../') are not accepted");
            }
        }
        return Optional.empty();
    }

    /** Why a raw query string is malformed (a bad percent-escape, a character outside RFC 3986), or empty. */
    public static Optional<String> queryProblem(String rawQuery) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (int i = 0; i < rawQuery.length(); i++) {
            char c = rawQuery.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawQuery.length() || hexByte(rawQuery.charAt(i + 1), rawQuery.charAt(i + 2)) < 0) {
                    return Optional.of("'%' in the query must start a percent-encoded byte (%XX)");
                }
                i += 2;
            } else if (!isPathChar(c) && c != ';' && c != '?') {
                return Optional.of(c < 0x20 || c >= 0x7f
                        ? String.format("the character U+%04X must be percent-encoded in the query", (int) c)
                        : "the character '" + c + "' is not allowed in a query");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> refusedEncoding(int value) {
        if (isUnreserved((char) value)) {
            return Optional.of("'" + (char) value + "' must not be percent-encoded");
        }
        if (value == '/' || value == '\\' || value == ';' || value == '%') {
            return Optional.of(String.format("an encoded '%c' (%%%02X) is not accepted in a path", (char) value, value));
        }
        if (value < 0x20 || value == 0x7f) {
            return Optional.of(String.format("an encoded control character (%%%02X) is not accepted in a path", value));
        }
        return Optional.empty();
    }

    /** Checks and clears the bytes of a run of percent-encodings: they must be valid UTF-8. */
    private static Optional<String> invalidUtf8(ByteArrayOutputStream bytes) {
        if (bytes.size() == 0) {
            return Optional.empty();
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.of("percent-encoded bytes must be valid UTF-8");
        } finally {
            bytes.reset();
        }
    }

    private static boolean isPathChar(char c) {
        return isUnreserved(c) || c == '/' || c == ':' || c == '@' || SUB_DELIMS_WITHOUT_SEMICOLON.indexOf(c) >= 0;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hexByte(char high, char low) {
        int h = hexDigit(high);
        int l = hexDigit(low);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    /** An ASCII hex digit's value (Character.digit would also take non-ASCII digits). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private CanonicalPath() {
    }
}
