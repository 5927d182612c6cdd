package dev.evalplane.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real KRaft broker in its own JVM (the kafka-launcher module). The broker exits when this JVM closes its stdin or
 * dies, so a killed test run leaves no orphan. Stop and start again on the same dir to simulate a broker restart.
 */
public final class LocalKafka implements AutoCloseable {

    private final Path dir;
    private final boolean temporary;
    private final int requestedPort;
    private Process process;
    private String bootstrapServers;

    private LocalKafka(Path dir, boolean temporary, int port) {
        this.dir = dir;
        this.temporary = temporary;
        this.requestedPort = port;
    }

    /** A broker on a free port with a temporary data dir. */
    public static LocalKafka startTemporary() {
        try {
            LocalKafka kafka = new LocalKafka(Files.createTempDirectory("evalplane-kafka-"), true, 0);
            kafka.start();
            return kafka;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A broker on a fixed port with a persistent data dir (local runs). */
    public static LocalKafka startPersistent(int port, Path dir) {
        LocalKafka kafka = new LocalKafka(dir, false, port);
        kafka.start();
        return kafka;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        // a restart keeps the port, so clients reconnect to the same address
        int port = bootstrapServers == null ? requestedPort : Integer.parseInt(bootstrapServers.split(":")[1]);
        try {
            List<String> command = new ArrayList<>(List.of(Processes.javaBinary(), "-Xms128m", "-Xmx512m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            // after the defaults, so they win: the benchmarks give the broker C2 (-XX:TieredStopAtLevel=4) as a
            // deployed broker has
            command.addAll(Processes.jvmOptions("evalplane.kafka.jvm-options"));
            command.addAll(List.of("-cp", launcherClasspath(), "dev.evalplane.kafka.EmbeddedKafka", "--port",
                    String.valueOf(port == 0 ? Processes.freePort() : port), "--dir", dir.toString(),
                    "--exit-on-stdin-eof"));
            Files.createDirectories(dir);
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                    .start();
            bootstrapServers = awaitReady();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Kafka broker", e);
        }
    }

    private String awaitReady() throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("KAFKA_READY ")) {
                return line.split(" ")[1];
            }
        }
        throw new IllegalStateException("the broker exited before it was ready; see " + dir.resolve("broker.log"));
    }

    /** Kafka's classpath: kafka-launcher/target/classes plus the jars it lists in kafka-classpath.txt. */
    static String launcherClasspath() throws IOException {
        Path target = Path.of(System.getProperty("kafka.launcher.dir", findLauncherTarget()));
        Path classpathFile = target.resolve("kafka-classpath.txt");
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build the kafka-launcher module first");
        }
        return target.resolve("classes") + File.pathSeparator + Files.readString(classpathFile).trim();
    }

    private static String findLauncherTarget() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("kafka-launcher"))) {
                return p.resolve("kafka-launcher/target").toString();
            }
        }
        return "kafka-launcher/target";
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker and keeps its data, so {@link #start()} brings the same topics and offsets back. */
    public synchronized void stop() {
        Processes.stopByStdin(process, 30);
        process = null;
    }

    /** Kills the broker with SIGKILL (fault tests). */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            Processes.deleteTree(dir);
        }
    }
}
