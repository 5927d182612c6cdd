package dev.evalplane.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/** The accepted bearer tokens; compares in constant time so response timing does not leak a token's prefix. */
final class ApiTokens {

    private static final String BEARER = "bearer ";

    private final List<byte[]> tokens;

    ApiTokens(List<String> tokens) {
        this.tokens = tokens.stream().map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** Whether an {@code Authorization} header value carries one of the tokens. */
    boolean accepts(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return false;
        }
        byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] token : tokens) {
            match |= MessageDigest.isEqual(token, presented);
        }
        return match;
    }
}
