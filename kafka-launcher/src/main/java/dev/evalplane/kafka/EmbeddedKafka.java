package dev.evalplane.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;

import dev.evalplane.events.Topics;

/**
 * A single-node KRaft broker (broker and controller in one process), no Docker and no ZooKeeper. Run it as its own
 * JVM with {@link #main}: it prints {@code KAFKA_READY host:port} once clients can connect, and with
 * {@code --exit-on-stdin-eof} it stops when its parent closes stdin or dies, so a killed test run leaves no broker.
 */
public final class EmbeddedKafka implements AutoCloseable {


    private final KafkaRaftServer server;
    private final int port;
    private final Path dir;
    private final boolean temporary;

    private EmbeddedKafka(KafkaRaftServer server, int port, Path dir, boolean temporary) {
        this.server = server;
        this.port = port;
        this.dir = dir;
        this.temporary = temporary;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts a broker. Port 0 picks a free port; a null dir is a temporary one, deleted on close. */
    public static EmbeddedKafka start(int port, Path dir, int partitions) throws Exception {
        boolean temporary = dir == null;
        Path home = temporary ? Files.createTempDirectory("kraft-") : dir;
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Path logDir = home.resolve("logs");
        Files.createDirectories(logDir);
        Properties props = brokerProperties(brokerPort, controllerPort, logDir, partitions);
        Path propsFile = home.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "written by EmbeddedKafka");
        }
        // formatting an already formatted dir fails with a cluster id mismatch: restarts keep their data
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int rc = StorageTool$.MODULE$.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", propsFile.toString()}, new PrintStream(OutputStream.nullOutputStream()));
            if (rc != 0) {
                throw new IllegalStateException("kafka storage format failed with rc=" + rc);
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafka kafka = new EmbeddedKafka(server, brokerPort, home, temporary);
        kafka.createTopics(partitions);
        return kafka;
    }

    private static Properties brokerProperties(int port, int controllerPort, Path logDir, int partitions) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", String.valueOf(partitions));
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private void createTopics(int partitions) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            // the project's topics, created up front so consumers never race auto-creation
            for (String topic : Topics.all()) {
                topics.add(new NewTopic(topic, topic.endsWith("-dlq") ? 1 : partitions, (short) 1));
            }
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * {@code java -cp ... dev.evalplane.kafka.EmbeddedKafka [--port 9092] [--dir DIR] [--partitions 4]
     * [--exit-on-stdin-eof]}.
     */
    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        int port = 9092;
        int partitions = 4;
        Path dir = null;
        boolean exitOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        EmbeddedKafka kafka = start(port, dir, partitions);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-shutdown"));
        System.out.println("KAFKA_READY " + kafka.bootstrapServers() + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        System.out.flush();
        if (exitOnStdinEof) {
            while (System.in.read() != -1) {
                // the parent holds our stdin open while it lives
            }
            System.exit(0);
        }
        Thread.currentThread().join();
    }
}
