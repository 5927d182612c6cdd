package dev.evalplane.trace.otlp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.evalplane.events.Topics;

/**
 * Makes the real broker refuse large records on {@code spans} (topic {@code max.message.bytes}) for the length of a
 * try block, then restores the default. Test classes run one after another, so nothing else produces meanwhile.
 */
final class SpansTopicConfig implements AutoCloseable {

    private final Admin admin;
    private final ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SPANS);

    private SpansTopicConfig(Admin admin) {
        this.admin = admin;
    }

    static SpansTopicConfig limitMessageBytes(String bootstrapServers, int maxMessageBytes) throws Exception {
        SpansTopicConfig config = new SpansTopicConfig(
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)));
        config.ensureTopic();
        config.alter(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(maxMessageBytes)), AlterConfigOp.OpType.SET));
        config.awaitMaxMessageBytes(Optional.of(Integer.toString(maxMessageBytes)));
        return config;
    }

    @Override
    public void close() throws Exception {
        try {
            alter(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, null),
                    AlterConfigOp.OpType.DELETE));
            awaitMaxMessageBytes(Optional.empty());
        } finally {
            admin.close();
        }
    }

    private void ensureTopic() throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(Topics.SPANS, Optional.empty(), Optional.empty()))).all()
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private void alter(AlterConfigOp op) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(10, TimeUnit.SECONDS);
    }

    /** Waits until the topic's override is set (or gone), as the broker reports it. */
    private void awaitMaxMessageBytes(Optional<String> expected) throws Exception {
        for (int i = 0; i < 50; i++) {
            ConfigEntry entry = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            boolean overridden = entry != null && entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG;
            if (expected.isPresent() ? overridden && expected.get().equals(entry.value()) : !overridden) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("topic spans max.message.bytes did not become " + expected);
    }
}
