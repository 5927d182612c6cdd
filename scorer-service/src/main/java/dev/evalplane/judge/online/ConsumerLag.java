package dev.evalplane.judge.online;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The consumer lag (records) of this replica's online consumer of {@code traces-stored}, summed over its partitions,
 * from the Kafka client metrics the Micrometer Kafka binder exports ({@code kafka_consumer_fetch_manager_records_lag}).
 */
@ApplicationScoped
public class ConsumerLag {

    private final MeterRegistry registry;

    public ConsumerLag(MeterRegistry registry) {
        this.registry = registry;
    }

    public long records() {
        double sum = 0;
        for (Meter meter : registry.find("kafka.consumer.fetch.manager.records.lag").meters()) {
            String client = meter.getId().getTag("client.id");
            if (client != null && client.contains(StoredTraceConsumer.CHANNEL) && meter instanceof Gauge gauge
                    && meter.getId().getTag("partition") != null) {
                double v = gauge.value();
                if (!Double.isNaN(v) && v > 0) {
                    sum += v;
                }
            }
        }
        return (long) sum;
    }
}
