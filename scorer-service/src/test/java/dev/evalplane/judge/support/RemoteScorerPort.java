package dev.evalplane.judge.support;

/**
 * The port of the user's remote scorer ({@link RemoteScorerServer}), as system property
 * {@code evalplane.test.remote-scorer-port}: the {@code %test} policy allows exactly {@code 127.0.0.1} on that port
 * ({@code evalplane.remote-scorers.allowed-hosts}), as an operator would list a scorer.
 */
public class RemoteScorerPort extends ReservedPort {

    public static final String PROPERTY = "evalplane.test.remote-scorer-port";

    public RemoteScorerPort() {
        super(PROPERTY, "the remote scorer");
    }

    public static int port() {
        return Integer.parseInt(System.getProperty(PROPERTY));
    }
}
