package dev.evalplane.gateway.security;

import java.util.List;

/**
 * The explicit list of paths open without a token; every other path needs one. An entry is an exact path
 * ({@code /index.html}) or a prefix ending in {@code /*} ({@code /q/health/*} opens {@code /q/health/ready}). Matching
 * is exact and case-sensitive on the canonical raw path ({@code dev.evalplane.gateway.http.CanonicalPath}): a path
 * that differs in any way from an entry is not public.
 */
final class PublicPaths {

    private final List<String> exact;
    private final List<String> prefixes;

    PublicPaths(List<String> entries) {
        List<String> trimmed = entries.stream().map(String::trim).filter(e -> e.startsWith("/")).toList();
        this.exact = trimmed.stream().filter(e -> !e.endsWith("/*")).toList();
        this.prefixes = trimmed.stream().filter(e -> e.endsWith("/*")).map(e -> e.substring(0, e.length() - 1)).toList();
    }

    boolean isPublic(String canonicalPath) {
        if (exact.contains(canonicalPath)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (canonicalPath.startsWith(prefix) && canonicalPath.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return exact + " and everything under " + prefixes;
    }
}
