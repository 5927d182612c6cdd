package dev.evalplane.judge.outbound;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of {@code evalplane.remote-scorers.allowed-hosts}: a host name ({@code scorer.example.com}, or
 * {@code *.example.com} for its subdomains) or an IP address / CIDR range, with an optional port
 * ({@code 10.0.5.0/24:8443}, {@code [fd00::/8]:443}, {@code scorer.example.com:443}).
 */
record AllowedHost(String name, Cidr range, Integer port) {

    private static final Pattern NAME = Pattern.compile(
            "(\\*\\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*");

    /** IllegalArgumentException saying what is wrong with the entry. */
    static AllowedHost parse(String entry) {
        String text = entry.trim().toLowerCase(Locale.ROOT);
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException("'" + entry + "' is not [IPv6 address or range] or [..]:port");
            }
            host = text.substring(1, close);
            port = close + 1 < text.length() ? text.substring(close + 2) : null;
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        Integer portNumber = port == null ? null : port(entry, port);
        if (host.contains("/") || IpLiterals.parse(host) != null) {
            Cidr range = Cidr.parse(host);
            if (range.prefix() == 0) {
                throw new IllegalArgumentException("'" + entry + "' would allow every address, loopback and cloud"
                        + " metadata included; list the scorers' own addresses or ranges");
            }
            return new AllowedHost(null, range, portNumber);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (!NAME.matcher(name).matches() || IpLiterals.isNonStandardNumber(name)) {
            throw new IllegalArgumentException("'" + entry + "' is not a host name, IP address or CIDR range");
        }
        return new AllowedHost(name, null, portNumber);
    }

    private static int port(String entry, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + entry + "' has a port that is not 1..65535");
    }

    boolean portMatches(int p) {
        return port == null || port == p;
    }

    /** A host-name entry that names {@code host} (lower case, no trailing dot). */
    boolean namesHost(String host, int p) {
        if (name == null || !portMatches(p)) {
            return false;
        }
        return name.startsWith("*.") ? host.endsWith(name.substring(1)) : name.equals(host);
    }

    /** An address entry whose range holds {@code address}. */
    boolean holds(InetAddress address, int p) {
        return range != null && portMatches(p) && range.contains(address);
    }
}
