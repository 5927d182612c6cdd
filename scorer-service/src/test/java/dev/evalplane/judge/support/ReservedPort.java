package dev.evalplane.judge.support;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Reserves a free port before any test (and so before Quarkus boots) and publishes it as a system property that the
 * {@code %test} configuration reads; a port already given (by the build) is kept.
 */
abstract class ReservedPort implements LauncherSessionListener {

    private final String property;
    private final String forWhat;

    ReservedPort(String property, String forWhat) {
        this.property = property;
        this.forWhat = forWhat;
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(property) != null) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            System.setProperty(property, String.valueOf(socket.getLocalPort()));
        } catch (IOException e) {
            throw new IllegalStateException("no free port for " + forWhat, e);
        }
    }
}
