package dev.evalplane.gateway.security;

import java.util.List;

/**
 * Decides whether a request path falls under a protected prefix. Works on the router's normalised path (dot segments
 * resolved, percent-encoded unreserved characters decoded) and also collapses repeated slashes, so {@code //api/x}
 * or {@code /static/../api/x} cannot slip past.
 */
final class ProtectedPaths {

    private final List<String> prefixes;

    ProtectedPaths(List<String> prefixes) {
        this.prefixes = prefixes.stream().map(ProtectedPaths::withoutTrailingSlash).filter(p -> !p.isEmpty()).toList();
    }

    boolean isProtected(String normalizedPath) {
        String path = normalizedPath == null ? "/" : normalizedPath.replaceAll("/{2,}", "/");
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return prefixes.toString();
    }

    private static String withoutTrailingSlash(String prefix) {
        String p = prefix.trim();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") || p.isEmpty() ? p : "/" + p;
    }
}
