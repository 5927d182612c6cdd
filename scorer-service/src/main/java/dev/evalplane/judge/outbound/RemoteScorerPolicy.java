package dev.evalplane.judge.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.evalplane.judge.config.RemoteScorerConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The operator's policy for user-given URLs (remote scorers): only http(s), no user info, and only hosts listed in
 * {@code evalplane.remote-scorers.allowed-hosts} (none by default: remote scorers are then refused). The host is
 * resolved and every address it resolves to is checked: a listed host name may reach only ordinary public addresses;
 * loopback, private, link-local and other special addresses need an address or CIDR entry that holds them;
 * unspecified, multicast and broadcast addresses never pass. Callers connect to the address that was checked, so a
 * second DNS answer cannot point the call elsewhere. Every refusal is an IllegalArgumentException saying why and how
 * to allow it.
 */
@ApplicationScoped
public class RemoteScorerPolicy {

    public static final String KEY = "evalplane.remote-scorers.allowed-hosts";
    static final String ENV = "EVALPLANE_REMOTE_SCORERS_ALLOWED_HOSTS";

    private final List<AllowedHost> allowed;

    @Inject
    public RemoteScorerPolicy(RemoteScorerConfig config) {
        this(config.allowedHosts().orElse(List.of()));
    }

    RemoteScorerPolicy(List<String> entries) {
        List<AllowedHost> parsed = new ArrayList<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                parsed.add(AllowedHost.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(KEY + ": " + e.getMessage());
            }
        }
        this.allowed = List.copyOf(parsed);
    }

    /**
     * The checks that need no DNS lookup (scheme, user info, host spelling, the host or IP listed); an IP literal is
     * checked completely. Run again at call time by {@link #resolve}.
     */
    public RemoteTarget target(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"url\" is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("\"url\" must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("\"url\" must not contain user info (user:password@); send credentials"
                    + " in \"headers\"");
        }
        String host = uri.getHost() == null ? null : normalise(uri.getHost());
        if (host == null || host.isEmpty() || IpLiterals.isNonStandardNumber(host)) {
            throw new IllegalArgumentException("\"url\" needs a host name or an IP address in its standard spelling"
                    + " (four decimal numbers for IPv4, [..] for IPv6)");
        }
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("remote scorers are disabled on this server; an operator enables them by"
                    + " listing the scorer services' hosts in " + KEY + " (environment variable " + ENV + "), e.g."
                    + " scorers.example.com, or 10.0.5.0/24:8443 for a private range");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RemoteTarget target = new RemoteTarget(host, port, https, path);
        InetAddress literal = IpLiterals.parse(host);
        if (literal != null) {
            check(target, literal);
        } else if (allowed.stream().noneMatch(a -> a.namesHost(host, port) || (a.range() != null && a.portMatches(port)))) {
            throw notListed(target);
        }
        return target;
    }

    /**
     * Resolves the target's host (a blocking lookup: call off the event loop, e.g. through {@link #resolveOffLoop})
     * and checks every address; the address to connect to.
     */
    public InetSocketAddress resolve(RemoteTarget target) {
        InetAddress[] addresses;
        try {
            InetAddress literal = IpLiterals.parse(target.host());
            addresses = literal != null ? new InetAddress[] { literal } : InetAddress.getAllByName(target.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host " + target.host() + " could not be resolved");
        }
        for (InetAddress address : addresses) {
            check(target, address);
        }
        return new InetSocketAddress(addresses[0], target.port());
    }

    /** {@link #target} and {@link #resolve} on a worker thread. */
    public Uni<InetSocketAddress> resolveOffLoop(String url) {
        return Uni.createFrom().item(() -> resolve(target(url))).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void check(RemoteTarget target, InetAddress address) {
        String kind = SpecialAddresses.kind(address);
        String what = IpLiterals.parse(target.host()) != null ? "address " + address.getHostAddress()
                : "host " + target.host() + " (" + address.getHostAddress() + ")";
        if (kind != null && (kind.startsWith("unspecified") || kind.startsWith("multicast") || kind.contains("broadcast"))) {
            throw new IllegalArgumentException(what + " is a " + kind + " address, which remote scorers can never call");
        }
        boolean inRange = allowed.stream().anyMatch(a -> a.holds(address, target.port()));
        boolean named = kind == null && allowed.stream().anyMatch(a -> a.namesHost(target.host(), target.port()));
        if (inRange || named) {
            return;
        }
        if (kind != null) {
            throw new IllegalArgumentException(what + " is a " + kind + " address; remote scorers reach such an"
                    + " address only when " + KEY + " lists it or a CIDR range holding it, with port " + target.port());
        }
        throw notListed(target);
    }

    private static IllegalArgumentException notListed(RemoteTarget target) {
        return new IllegalArgumentException("host " + target.host() + " port " + target.port() + " is not allowed for"
                + " remote scorers; an operator allows it by adding it to " + KEY);
    }

    private static String normalise(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        h = h.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
