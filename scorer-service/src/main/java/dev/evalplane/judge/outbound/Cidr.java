package dev.evalplane.judge.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address range, {@code address/prefix}; a single address is a range of one. */
record Cidr(byte[] network, int prefix) {

    /** {@code 10.0.0.0/8}, {@code fd00::/8}, {@code 127.0.0.1}; IllegalArgumentException when it is not one. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = IpLiterals.parse(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
        }
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bits);
            }
        }
        return new Cidr(address.getAddress(), prefix);
    }

    static Cidr of(String text) {
        return parse(text);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    boolean isIpv4() {
        return network.length == 4;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return "?/" + prefix;
        }
    }

    /** The IPv4 address in bytes {@code from..from+3} of an IPv6 address. */
    static InetAddress embeddedIpv4(byte[] v6, int from) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] { v6[from], v6[from + 1], v6[from + 2], v6[from + 3] });
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
