package dev.evalplane.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.evalplane.testsupport.MlflowPython;

/**
 * {@code mlflow server} of the pinned MLflow version (the venv of {@link MlflowPython}) on a free port, with a SQLite
 * file or a PostgreSQL database as its backend store: the reference the MLflow client benchmark compares with.
 * Stopped with its worker processes.
 */
final class MlflowServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final Process process;
    private final int port;

    private MlflowServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server on {@code backendStoreUri} and waits until {@code GET /version} answers. */
    static MlflowServer start(MlflowPython python, String backendStoreUri, Path workDir, Path log) throws Exception {
        int port = freePort();
        Files.createDirectories(workDir);
        Path mlflow = python.python().resolveSibling("mlflow");
        ProcessBuilder builder = new ProcessBuilder(List.of(mlflow.toString(), "server", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--backend-store-uri", backendStoreUri,
                "--default-artifact-root", workDir.resolve("artifacts").toUri().toString()))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_"));
        MlflowServer server = new MlflowServer(builder.start(), port);
        server.awaitReady(log);
        return server;
    }

    /** The server's process id (its workers are its descendants). */
    long pid() {
        return process.pid();
    }

    /** Installs psycopg2-binary into the venv unless it is there (mlflow server's PostgreSQL driver). */
    static void ensurePostgresDriver(MlflowPython python) throws Exception {
        if (exec(List.of(python.python().toString(), "-c", "import psycopg2")) == 0) {
            return;
        }
        int code = exec(List.of(python.python().resolveSibling("pip").toString(), "install", "--quiet",
                "psycopg2-binary"));
        if (code != 0) {
            throw new IllegalStateException("pip install psycopg2-binary failed with " + code);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mlflow server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + "/version"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("mlflow server did not answer /version within " + STARTUP + "; see " + log);
    }

    private static int exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(10, TimeUnit.MINUTES) ? p.exitValue() : -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
