package dev.evalplane.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real MLflow Python client, at a pinned version, in a virtualenv made from PyPI: one venv per machine and
 * version ({@code ~/.cache/evalplane/mlflow-<version>}, or {@code EVALPLANE_MLFLOW_VENV}), created once under a file
 * lock (the first run takes minutes, later runs reuse it, parallel JVMs wait for the one creating it).
 * {@link #run} runs a Python script with the client pointed at a tracking server; a script prints one JSON document
 * as its last stdout line, which {@link Result#json()} returns for Java asserts.
 */
public final class MlflowPython {

    /** The MLflow client version the compatibility tests are pinned to. */
    public static final String VERSION = "3.17.2";
    /**
     * What the venv holds: the client, and OpenTelemetry's OTLP/HTTP exporter, which the client needs in its
     * OTLP-only mode ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) but does not install itself. A venv made with other
     * requirements gets these installed on top.
     */
    static final List<String> REQUIREMENTS = List.of("mlflow==" + VERSION, "opentelemetry-exporter-otlp-proto-http");

    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MlflowPython instance;

    private final Path venv;

    private MlflowPython(Path venv) {
        this.venv = venv;
    }

    /** The shared venv with {@code mlflow==}{@value #VERSION}, created if missing. */
    public static synchronized MlflowPython get() {
        if (instance == null) {
            instance = new MlflowPython(ensureVenv(venvDirectory()));
        }
        return instance;
    }

    /** The venv's python interpreter. */
    public Path python() {
        return venv.resolve("bin/python");
    }

    /**
     * Runs a script (its source text) with the given environment on top of a clean one (no inherited MLFLOW_*,
     * OTEL_* or OPENAI_* variables, so only what the test sets reaches the client).
     */
    public Result run(String script, Map<String, String> environment, Duration timeout) {
        try {
            Path file = Files.createTempFile("mlflow-script-", ".py");
            Files.writeString(file, script);
            try {
                return exec(List.of(python().toString(), file.toString()), environment, timeout);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #run} of a classpath resource, e.g. {@code /mlflow/experiments.py}. */
    public Result runResource(String resource, Map<String, String> environment, Duration timeout) {
        try (InputStream in = MlflowPython.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no script " + resource + " on the classpath");
            }
            return run(new String(in.readAllBytes(), StandardCharsets.UTF_8), environment, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment that points the client at a tracking server: MLFLOW_TRACKING_URI and, if given, the token. */
    public static Map<String, String> trackingEnvironment(String trackingUri, String token) {
        Map<String, String> env = new HashMap<>();
        env.put("MLFLOW_TRACKING_URI", trackingUri);
        if (token != null) {
            env.put("MLFLOW_TRACKING_TOKEN", token);
        }
        // a failing call fails the test at once instead of after minutes of backoff
        env.put("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0");
        env.put("MLFLOW_HTTP_REQUEST_TIMEOUT", "60");
        return env;
    }

    /** What a script did: exit code, stdout, stderr. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The last stdout line as JSON; fails with the script's output if it did not exit 0. */
        public JsonNode json() {
            if (exitCode != 0) {
                throw new AssertionError("python exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            String[] lines = stdout.strip().split("\n");
            try {
                return JSON.readTree(lines[lines.length - 1]);
            } catch (IOException e) {
                throw new AssertionError("the script's last stdout line is not JSON:\n" + stdout + "\nstderr:\n" + stderr, e);
            }
        }
    }

    static Path venvDirectory() {
        String configured = System.getenv("EVALPLANE_MLFLOW_VENV");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "evalplane", "mlflow-" + VERSION);
    }

    private static Path ensureVenv(Path venv) {
        Path ready = venv.resolve(".evalplane-ready");
        String wanted = String.join(" ", REQUIREMENTS) + "\n";
        if (installed(ready, wanted)) {
            return venv;
        }
        try {
            Files.createDirectories(venv.getParent());
            Path lockFile = venv.resolveSibling(venv.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (!installed(ready, wanted)) {
                    if (!Files.exists(ready)) {
                        create(venv);
                    }
                    install(venv);
                    Files.writeString(ready, wanted);
                }
            }
            return venv;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the MLflow venv in " + venv, e);
        }
    }

    private static boolean installed(Path ready, String wanted) {
        try {
            return Files.exists(ready) && Files.readString(ready).equals(wanted);
        } catch (IOException e) {
            return false;
        }
    }

    private static void create(Path venv) throws IOException {
        Processes.deleteTree(venv);
        expectSuccess(exec(List.of("python3", "-m", "venv", venv.toString()), Map.of(), Duration.ofMinutes(2)),
                "python3 -m venv (install python3-venv)", log(venv));
    }

    private static void install(Path venv) throws IOException {
        List<String> command = new ArrayList<>(List.of(venv.resolve("bin/pip").toString(), "install", "--quiet"));
        command.addAll(REQUIREMENTS);
        expectSuccess(exec(command, Map.of(), CREATE_TIMEOUT), "pip install " + String.join(" ", REQUIREMENTS), log(venv));
    }

    private static Path log(Path venv) {
        return venv.resolveSibling(venv.getFileName() + ".log");
    }

    private static void expectSuccess(Result result, String what, Path log) throws IOException {
        Files.writeString(log, "$ " + what + "\n" + result.stdout() + result.stderr(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(what + " failed with " + result.exitCode() + ":\n" + result.stderr());
        }
    }

    private static Result exec(List<String> command, Map<String, String> environment, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        builder.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_") || k.startsWith("OTEL_")
                || k.startsWith("OPENAI_") || k.startsWith("ANTHROPIC_"));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(command + " did not finish within " + timeout + "\nstdout:\n"
                        + out.getNow("") + "\nstderr:\n" + err.getNow(""));
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        // a thread of its own per stream: the common pool may have a single worker, and a full stderr pipe would
        // then block the script while stdout is being read
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        }, "mlflow-python-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
