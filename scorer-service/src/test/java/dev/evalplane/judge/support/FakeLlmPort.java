package dev.evalplane.judge.support;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Reserves a free port for the fake LLM provider before any test (and so before Quarkus boots) and publishes it as
 * system property {@code evalplane.test.fake-llm-port}, which the {@code %test} provider base URLs use. The
 * {@code @QuarkusTest}s start the fake on it ({@link FakeLlm}).
 */
public class FakeLlmPort implements LauncherSessionListener {

    public static final String PROPERTY = "evalplane.test.fake-llm-port";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            System.setProperty(PROPERTY, String.valueOf(socket.getLocalPort()));
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the fake LLM provider", e);
        }
    }
}
