package dev.evalplane.gateway.e2e;

import java.net.URL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What every browser test of the UI sets up: one headless Chromium for the test class, the gateway's root URL, and
 * {@link #open} to load a UI page afresh.
 */
abstract class WithBrowser {

    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void openBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    /** Loads the UI at {@code #hash}: a fresh load even when only the hash would change. */
    void open(String hash) {
        browser.driver.get("about:blank");
        browser.driver.get(root + "#" + hash);
    }
}
