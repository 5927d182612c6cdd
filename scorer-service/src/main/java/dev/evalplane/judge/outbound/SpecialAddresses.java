package dev.evalplane.judge.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Address ranges a remote scorer may not reach unless an operator lists them: loopback, unspecified, private,
 * carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), multicast, broadcast, reserved and documentation
 * ranges, IPv6 unique-local and site-local, and IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64,
 * 6to4), which are judged by the IPv4 address they carry.
 */
final class SpecialAddresses {

    private record Range(Cidr cidr, String kind) {
    }

    private static final List<Range> IPV4 = List.of(
            new Range(Cidr.of("0.0.0.0/8"), "unspecified (\"this network\")"),
            new Range(Cidr.of("10.0.0.0/8"), "private"),
            new Range(Cidr.of("100.64.0.0/10"), "carrier-grade NAT"),
            new Range(Cidr.of("127.0.0.0/8"), "loopback"),
            new Range(Cidr.of("169.254.0.0/16"), "link-local (cloud metadata)"),
            new Range(Cidr.of("172.16.0.0/12"), "private"),
            new Range(Cidr.of("192.0.0.0/24"), "IETF protocol assignment"),
            new Range(Cidr.of("192.0.2.0/24"), "documentation"),
            new Range(Cidr.of("192.88.99.0/24"), "6to4 relay"),
            new Range(Cidr.of("192.168.0.0/16"), "private"),
            new Range(Cidr.of("198.18.0.0/15"), "benchmarking"),
            new Range(Cidr.of("198.51.100.0/24"), "documentation"),
            new Range(Cidr.of("203.0.113.0/24"), "documentation"),
            new Range(Cidr.of("224.0.0.0/4"), "multicast"),
            new Range(Cidr.of("240.0.0.0/4"), "reserved or broadcast"));

    private static final List<Range> IPV6 = List.of(
            new Range(Cidr.of("::/128"), "unspecified"),
            new Range(Cidr.of("::1/128"), "loopback"),
            new Range(Cidr.of("100::/64"), "discard"),
            new Range(Cidr.of("64:ff9b:1::/48"), "local NAT64"),
            new Range(Cidr.of("2001::/23"), "IETF protocol assignment (Teredo, ORCHID)"),
            new Range(Cidr.of("2001:db8::/32"), "documentation"),
            new Range(Cidr.of("fc00::/7"), "unique-local (private)"),
            new Range(Cidr.of("fe80::/10"), "link-local"),
            new Range(Cidr.of("fec0::/10"), "site-local (private)"),
            new Range(Cidr.of("ff00::/8"), "multicast"));

    private static final Cidr COMPATIBLE = Cidr.of("::/96");
    private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");

    /** What makes {@code address} special (e.g. "loopback"), or null for an ordinary public address. */
    static String kind(InetAddress address) {
        if (address instanceof Inet4Address) {
            return IPV4.stream().filter(r -> r.cidr().contains(address)).map(Range::kind).findFirst().orElse(null);
        }
        String own = IPV6.stream().filter(r -> r.cidr().contains(address)).map(Range::kind).findFirst().orElse(null);
        if (own != null) {
            return own;
        }
        InetAddress carried = carriedIpv4(address);
        if (carried != null) {
            String inner = kind(carried);
            return inner == null ? null : inner + " (" + carried.getHostAddress() + " inside an IPv6 address)";
        }
        return null;
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64 or 6to4), or null. */
    static InetAddress carriedIpv4(InetAddress address) {
        if (address instanceof Inet4Address) {
            return null;
        }
        byte[] b = address.getAddress();
        // IPv4-mapped addresses (::ffff:a.b.c.d) never get here: Java turns them into the IPv4 address itself
        if (COMPATIBLE.contains(address) || NAT64.contains(address)) {
            return Cidr.embeddedIpv4(b, 12);
        }
        if (SIX_TO_FOUR.contains(address)) {
            return Cidr.embeddedIpv4(b, 2);
        }
        return null;
    }

    private SpecialAddresses() {
    }
}
