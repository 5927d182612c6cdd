package dev.evalplane.gateway;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Ways to write a path so that one reader (a filter, a router, a proxy) may see a different path than another:
 * matrix parameters, dot segments, encoded separators and dots, double encoding, case, trailing slashes, backslashes,
 * overlong UTF-8, absolute-form targets. Each turns a canonical path such as {@code /api/v1/experiments} into a
 * request target.
 */
public final class PathVariants {

    /** A named rewrite of a canonical path into a request target. */
    public record Variant(String name, UnaryOperator<String> rewrite) {
        public String apply(String path) {
            return rewrite.apply(path);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static final List<Variant> ALL = List.of(
            new Variant("matrix after first segment", p -> afterFirstSegment(p, ";")),
            new Variant("jsessionid after first segment", p -> afterFirstSegment(p, ";jsessionid=1")),
            new Variant("matrix after last segment", p -> p + ";x=1"),
            new Variant("matrix on every segment", p -> p.replace("/", ";/").substring(1) + ";"),
            new Variant("empty matrix at the root", p -> "/;" + p),
            new Variant("dot-semicolon segment", p -> "/.;" + p),
            new Variant("leading double slash", p -> "/" + p),
            new Variant("inner double slash", p -> afterFirstSegment(p, "/")),
            new Variant("dot segment", p -> "/." + p),
            new Variant("dot-dot from a public path", p -> "/q/health/ready/../../.." + p),
            new Variant("dot-dot-semicolon from a public path", p -> "/q/health/..;/..;" + p),
            new Variant("dot-dot-semicolon tail to health", p -> p + "/..;/..;/q/health"),
            new Variant("dot-dot tail to health", p -> p + "/../../q/health"),
            new Variant("dot-dot-semicolon tail", p -> p + "/..;"),
            new Variant("unknown segment and dot-dot", p -> "/x/.." + p),
            new Variant("encoded dot-dot from a public path", p -> "/q/health/%2e%2e/%2e%2e" + p),
            new Variant("upper-case encoded dot-dot", p -> "/q/health/%2E%2E/%2E%2E" + p),
            new Variant("overlong UTF-8 dot-dot", p -> "/q/health/%c0%ae%c0%ae/%c0%ae%c0%ae" + p),
            new Variant("public path, encoded slashes", p -> "/q/health%2F..%2F.." + p),
            new Variant("static asset and dot-dot", p -> "/index.html/.." + p),
            new Variant("encoded first letter", p -> "/%" + Integer.toHexString(p.charAt(1)) + p.substring(2)),
            new Variant("every letter encoded", PathVariants::encodeLetters),
            new Variant("encoded slash", p -> afterFirstSegmentReplace(p, "%2F")),
            new Variant("lower-case encoded slash", p -> afterFirstSegmentReplace(p, "%2f")),
            new Variant("double-encoded slash", p -> afterFirstSegmentReplace(p, "%252F")),
            new Variant("backslash", p -> afterFirstSegmentReplace(p, "\\")),
            new Variant("encoded backslash", p -> afterFirstSegmentReplace(p, "%5C")),
            new Variant("encoded semicolon", p -> afterFirstSegment(p, "%3B")),
            new Variant("upper case", p -> p.toUpperCase()),
            new Variant("capitalised first segment", p -> "/" + Character.toUpperCase(p.charAt(1)) + p.substring(2)),
            new Variant("trailing slash", p -> p + "/"),
            new Variant("trailing dot segment", p -> p + "/."),
            new Variant("trailing encoded NUL", p -> p + "%00"),
            new Variant("trailing encoded tab", p -> p + "%09"),
            new Variant("fragment", p -> p + "#x"),
            new Variant("public path in the query", p -> p + "?next=/q/health"),
            new Variant("absolute form", p -> "http://localhost" + p),
            new Variant("absolute form with matrix", p -> "http://localhost" + afterFirstSegment(p, ";")),
            new Variant("absolute form with dot-dot", p -> "http://localhost/q/health/../.." + p));

    private static String afterFirstSegment(String path, String insert) {
        int second = path.indexOf('/', 1);
        return second < 0 ? path + insert : path.substring(0, second) + insert + path.substring(second);
    }

    private static String afterFirstSegmentReplace(String path, String separator) {
        int second = path.indexOf('/', 1);
        return second < 0 ? path + separator : path.substring(0, second) + separator + path.substring(second + 1);
    }

    private static String encodeLetters(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            out.append(Character.isLetter(c) ? "%" + Integer.toHexString(c).toUpperCase() : String.valueOf(c));
        }
        return out.toString();
    }

    private PathVariants() {
    }
}
