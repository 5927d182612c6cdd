package dev.evalplane.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A bare HTTP/1.1 client on a socket: sends the request target and headers byte for byte as given (HTTP libraries
 * normalise paths, encode characters or refuse them), so the tests see what an attacker's request does.
 */
public final class RawHttp {

    /** A response: status, lower-cased headers, body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    /** The port the @QuarkusTest gateway listens on. */
    public static int testPort() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    public static Answer send(String method, String target, Map<String, String> headers, byte[] body) {
        return send(testPort(), method, target, headers, body);
    }

    public static Answer send(int port, String method, String target, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException closedEarly) {
                    // the server may answer (413) and close before reading the whole body
                }
            }
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    /** Sends these exact bytes (request line, headers, body) on a new connection and reads the answer. */
    public static Answer exchange(byte[] request) {
        try (Socket socket = new Socket("127.0.0.1", testPort())) {
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading everything
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // a connection reset after the response is still a response
        }
        return bytes.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("no HTTP response, got: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private RawHttp() {
    }
}
