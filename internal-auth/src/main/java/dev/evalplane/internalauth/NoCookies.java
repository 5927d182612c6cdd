package dev.evalplane.internalauth;

import java.util.List;

import io.netty.handler.codec.http.cookie.Cookie;
import io.vertx.ext.web.client.spi.CookieStore;

/** The cookie store of a service client: services set no cookies, and a client must not replay one between calls. */
final class NoCookies implements CookieStore {

    static final NoCookies INSTANCE = new NoCookies();

    private NoCookies() {
    }

    @Override
    public Iterable<Cookie> get(Boolean ssl, String domain, String path) {
        return List.of();
    }

    @Override
    public CookieStore put(Cookie cookie) {
        return this;
    }

    @Override
    public CookieStore remove(Cookie cookie) {
        return this;
    }
}
