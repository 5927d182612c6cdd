package dev.evalplane.gateway.security;

/**
 * The routes that need an admin token ({@code evalplane.auth.admin-tokens}): every change to prices, that is
 * {@code POST /api/v1/prices/reprice} (re-prices every stored trace) and the price overrides
 * ({@code PUT}/{@code DELETE /api/v1/prices/overrides/{model}}); any method but GET and HEAD under
 * {@code /api/v1/prices}. Reading the price table needs an ordinary token.
 */
final class AdminRoutes {

    private static final String PRICES = "/api/v1/prices";

    static boolean isAdmin(String method, String canonicalPath) {
        boolean prices = canonicalPath.equals(PRICES) || canonicalPath.startsWith(PRICES + "/");
        return prices && !method.equals("GET") && !method.equals("HEAD");
    }

    private AdminRoutes() {
    }
}
