package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.evalplane.testsupport.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the topic Job's rendered shell script, with the env the chart gives the Job, against a real broker, calling
 * Kafka's own TopicCommand (what kafka-topics.sh runs). The test broker starts with every topic (4 partitions,
 * DLQs 1); "assessments" and its DLQ are deleted first, so the script must create two topics and grow four, as on an
 * upgrade that raised the partition counts.
 */
class TopicJobScriptTests {

    /** Every topic the services need (events {@code Topics.PIPELINE}): the chart must create each one. */
    static final List<String> TOPICS = List.of("spans", "assessments", "trace-costs", "traces-stored");

    static LocalKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.startTemporary();
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> drop = List.of("assessments", "assessments-dlq").stream().filter(existing::contains).toList();
            admin.deleteTopics(drop).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void scriptCreatesMissingTopicsAndGrowsExistingOnes(@TempDir Path tmp) throws Exception {
        RenderedChart chart = RenderedChart.renderWith(Map.of(
                "kafka.bootstrapServers", kafka.bootstrapServers(),
                "kafka.topics.partitions", 6, "kafka.topics.dlqPartitions", 2, "kafka.topics.replicationFactor", 1,
                "kafka.topics.create.enabled", true, "kafka.topics.create.helmHook", false));
        Workload job = new Workload(chart.get("Job", "ep-evalplane-kafka-topics-1"));
        String script = String.valueOf(((List<?>) job.container().get("args")).get(0));

        ProcessBuilder run = new ProcessBuilder("/bin/sh", "-ec", script).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("job.log").toFile());
        Map<String, String> env = run.environment();
        for (Map<String, Object> var : job.env()) {
            env.put((String) var.get("name"), String.valueOf(var.get("value")));
        }
        env.put("KAFKA_TOPICS", kafkaTopicsCommand(tmp).toString());
        env.put("TMPDIR", tmp.toString());
        Process process = run.start();

        assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("the script finished").isTrue();
        String log = Files.readString(tmp.resolve("job.log"));
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(Files.readString(tmp.resolve("client.properties"))).contains("security.protocol=PLAINTEXT");
        Map<String, Integer> partitions = partitionCounts();
        for (String topic : TOPICS) {
            assertThat(partitions).containsEntry(topic, 6).containsEntry(topic + "-dlq", 2);
        }
        assertThat(log).contains("topic spans: 4 -> 6 partitions", "topic spans-dlq: 1 -> 2 partitions",
                "topic assessments: created with 6 partitions", "topic assessments-dlq: created with 2 partitions");
    }

    /** A kafka-topics.sh stand-in: Kafka's TopicCommand on this test's classpath (kafka-tools). */
    private static Path kafkaTopicsCommand(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path command = dir.resolve("kafka-topics.sh");
        Files.writeString(command, "#!/bin/sh\nexec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
                + " -cp '" + classpath + "' org.apache.kafka.tools.TopicCommand \"$@\"\n");
        Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwx------"));
        return command;
    }

    private static Map<String, Integer> partitionCounts() throws Exception {
        Set<String> names = TOPICS.stream().flatMap(t -> List.of(t, t + "-dlq").stream()).collect(Collectors.toSet());
        try (Admin admin = admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<String, Integer> counts = new LinkedHashMap<>();
            described.forEach((name, d) -> counts.put(name, d.partitions().size()));
            return counts;
        }
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(props);
    }
}
