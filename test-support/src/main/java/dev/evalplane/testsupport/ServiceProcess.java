package dev.evalplane.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A packaged service ({@code target/quarkus-app/quarkus-run.jar}) in its own JVM, for tests that must kill it
 * ({@code kill -9}) and start it again mid-stream. Used from failsafe {@code *IT} tests, which run after packaging.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Path jar;
    private final Map<String, String> config;
    private final Path log;
    private final int port;
    private final Map<String, String> environment = new java.util.HashMap<>();
    private Process process;

    public ServiceProcess(Path jar, Map<String, String> config, Path log) {
        this.jar = jar;
        this.config = config;
        this.log = log;
        this.port = Processes.freePort();
    }

    /** Environment variables for the service (provider keys and URLs are read from the environment). */
    public ServiceProcess withEnvironment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** Starts the JVM and waits until {@code /q/health/ready} answers 200. */
    public ServiceProcess start() {
        return launch().awaitReady();
    }

    /** Starts the JVM without waiting, so several services can boot at once; then call {@link #awaitReady()}. */
    public ServiceProcess launch() {
        List<String> command = new ArrayList<>(List.of(Processes.javaBinary(), "-Xmx384m", "-XX:TieredStopAtLevel=1"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.otel.sdk.disabled=true");
        command.addAll(extraJvmOptions());
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + jar, e);
        }
    }

    /**
     * JVM options from the system property {@code evalplane.service.jvm-options} (space-separated), e.g. a flight
     * recording for a profile: {@code {name}} becomes the service's name (its log file's name without {@code .log}).
     */
    private List<String> extraJvmOptions() {
        String name = log.getFileName().toString().replaceFirst("\\.log$", "");
        return Processes.jvmOptions("evalplane.service.jvm-options").stream().map(o -> o.replace("{name}", name))
                .toList();
    }

    /** The operating-system process id of the running JVM (e.g. to read its memory from /proc). */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits until {@code /q/health/ready} answers 200, at most {@code evalplane.service.ready-seconds} (90 s; more
     * on a machine loaded far beyond its cores, where a Quarkus start takes minutes); stops the JVM if it is not.
     */
    public ServiceProcess awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).timeout(Duration.ofSeconds(2)).build();
        long readySeconds = Long.getLong("evalplane.service.ready-seconds", 90);
        long deadline = System.currentTimeMillis() + readySeconds * 1000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(jar + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        close(); // not left running behind the caller's back
        throw new IllegalStateException(jar + " was not ready within " + readySeconds + " s; see " + log);
    }

    /** The file the service's console output is appended to. */
    public Path log() {
        return log;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** SIGKILL: no shutdown hooks, no commits, no flushes. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
