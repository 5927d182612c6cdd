package dev.evalplane.judge.support;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Reserves a free port for the user's remote scorer ({@link RemoteScorerServer}) before Quarkus boots and publishes it
 * as system property {@code evalplane.test.remote-scorer-port}: the {@code %test} policy allows exactly
 * {@code 127.0.0.1} on that port ({@code evalplane.remote-scorers.allowed-hosts}), as an operator would list a scorer.
 */
public class RemoteScorerPort implements LauncherSessionListener {

    public static final String PROPERTY = "evalplane.test.remote-scorer-port";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            System.setProperty(PROPERTY, String.valueOf(socket.getLocalPort()));
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the remote scorer", e);
        }
    }

    public static int port() {
        return Integer.parseInt(System.getProperty(PROPERTY));
    }
}
