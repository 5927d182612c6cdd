package dev.evalplane.judge.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals in their standard spellings only: dotted-quad IPv4 with four decimal parts, and IPv6 (with or
 * without brackets). Anything else ({@code 2130706433}, {@code 0x7f.1}, {@code 127.1}) is not an address literal here;
 * it is never resolved as one. No DNS lookup happens in this class.
 */
final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern NUMERIC = Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*");

    /** The address, or null when {@code text} is not a standard IPv4 or IPv6 literal. */
    static InetAddress parse(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(t).matches();
        boolean v6 = t.contains(":") && IPV6.matcher(t).matches();
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether {@code host} is a number in a spelling other than the standard one, as inet_aton reads hosts: every
     * dot-separated part decimal, octal or hex ({@code 2130706433}, {@code 0x7f.1}, {@code 017.0.0.1}).
     */
    static boolean isNonStandardNumber(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return parse(h) == null && !h.isEmpty() && NUMERIC.matcher(h).matches();
    }

    private IpLiterals() {
    }
}
