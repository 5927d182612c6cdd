package dev.evalplane.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A topic config set on the real broker for the length of a try block ({@link TopicClient#override}), then restored to
 * the broker's default. Test classes run one after another, so nothing else depends on the topic meanwhile.
 */
public final class TopicOverride implements AutoCloseable {

    private final Admin admin;
    private final ConfigResource topic;
    private final String name;

    private TopicOverride(Admin admin, String topic, String name) {
        this.admin = admin;
        this.topic = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        this.name = name;
    }

    static TopicOverride set(Admin admin, String topic, String name, String value) {
        TopicOverride override = new TopicOverride(admin, topic, name);
        try {
            override.alter(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
            override.awaitValue(Optional.of(value));
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
        return override;
    }

    @Override
    public void close() {
        try {
            alter(new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE));
            awaitValue(Optional.empty());
        } finally {
            admin.close();
        }
    }

    private void alter(AlterConfigOp op) {
        try {
            admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot change " + name + " of topic " + topic.name(), e);
        }
    }

    /** Polls (every 100 ms, at most 5 s) until the broker reports the override set to {@code expected}, or gone. */
    private void awaitValue(Optional<String> expected) {
        for (int i = 0; i < 50; i++) {
            ConfigEntry entry;
            try {
                entry = admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic).get(name);
                boolean overridden = entry != null && entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG;
                if (expected.isPresent() ? overridden && expected.get().equals(entry.value()) : !overridden) {
                    return;
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the config of topic " + topic.name(), e);
            }
        }
        throw new IllegalStateException("topic " + topic.name() + " " + name + " did not become " + expected);
    }
}
