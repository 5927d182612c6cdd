package dev.evalplane.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hostile values of the headers a client sends with traces and the gateway forwards to trace-service
 * ({@code x-mlflow-run-id}, {@code x-mlflow-experiment-id}, {@code traceparent}): one set for every table that sends
 * them (the gateway's hostile table and run-ownership test, trace-service's run-ownership tests).
 */
public final class HostileHeaders {

    public static final String RUN_ID = "x-mlflow-run-id";
    public static final String EXPERIMENT_ID = "x-mlflow-experiment-id";
    public static final String TRACEPARENT = "traceparent";

    /**
     * One header with a hostile value. {@code codecRefusal}: Netty's HTTP codec refuses the request with a bare 400
     * before any code of ours runs (SECURITY.md, residual risks); otherwise our code answers a 4xx problem.
     */
    public record Hostile(String name, String header, String value, boolean codecRefusal) {
        /** The header line of a raw HTTP request, CRLF included. */
        public String line() {
            return header + ": " + value + "\r\n";
        }
    }

    /**
     * Ids longer than any (text a database cannot compress into an index entry of about 2.7 KB); 15000 characters stays
     * under the 16 KiB header limit, so the request reaches our code.
     */
    public static final List<Hostile> OVERLONG = List.of(
            new Hostile("3000-character run id", RUN_ID, HostileRequests.incompressible(3000), false),
            new Hostile("15000-character run id", RUN_ID, HostileRequests.incompressible(15_000), false),
            new Hostile("3000-character experiment id", EXPERIMENT_ID, HostileRequests.incompressible(3000), false));

    /** Control characters and NUL in header values. */
    public static final List<Hostile> CONTROL_CHARACTERS = List.of(
            new Hostile("control characters in the run id", RUN_ID, "run\u0001\u007f\u0008", true),
            new Hostile("NUL in the experiment id", EXPERIMENT_ID, "exp\u0000", true),
            new Hostile("backspace as traceparent", TRACEPARENT, "\u0008", true));

    /** A run id header line of raw bytes that are not ASCII ({@code é} in UTF-8, then two bytes no UTF-8 has), no CRLF. */
    public static byte[] nonAsciiRunIdLine() {
        byte[] name = (RUN_ID + ": ").getBytes(StandardCharsets.US_ASCII);
        byte[] value = {(byte) 0xC3, (byte) 0xA9, (byte) 0xFF, (byte) 0x85};
        byte[] line = new byte[name.length + value.length];
        System.arraycopy(name, 0, line, 0, name.length);
        System.arraycopy(value, 0, line, name.length, value.length);
        return line;
    }

    /** Every hostile header value above but the raw bytes. */
    public static List<Hostile> all() {
        return Stream.concat(OVERLONG.stream(), CONTROL_CHARACTERS.stream()).toList();
    }

    private HostileHeaders() {
    }
}
