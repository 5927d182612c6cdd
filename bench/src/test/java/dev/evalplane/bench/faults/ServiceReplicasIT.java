package dev.evalplane.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.evalplane.bench.Kafka;
import dev.evalplane.bench.faults.RebalanceLog.Kind;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.testsupport.RealStack;
import dev.evalplane.testsupport.ServiceProcess;

/**
 * A second replica of trace-service and of cost-service joins the stack's while spans flow, then is killed (kill -9)
 * and never comes back. Read from the services' logs (each rebalance's partition moves, as Kafka's consumer logs
 * them): while the replica joins, the running one gives up only the partitions the newcomer takes and keeps
 * consuming the others (the cooperative-sticky assignor; the eager default revoked every partition of all three
 * trace-service channels); after the kill the survivor takes the dead replica's partitions back by itself (session
 * timeout). Every span stored and priced once, every trace cost exact. How long the takeover took is printed
 * (bench/RESULTS.md), never asserted.
 */
class ServiceReplicasIT {

    private static final Map<String, List<String>> CHANNELS = Map.of(
            "trace-service", List.of("kafka-consumer-spans", "kafka-consumer-assessments", "kafka-consumer-trace-costs"),
            "cost-service", List.of("kafka-consumer-spans"));

    @Test
    void aJoiningReplicaStopsNothingAndAKilledOnesPartitionsMoveToTheSurvivor() throws Exception {
        TestStack stack = TestStack.get();
        SpanFlow flow = new SpanFlow("replicas", 600);
        Map<String, ServiceProcess> running = Map.of("trace-service", stack.services.traceService(),
                "cost-service", stack.services.costService());
        try (Kafka kafka = new Kafka()) {
            Thread sender = flow.start(kafka, 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.sent() >= 600);

            Map<String, RebalanceLog> runningLogs = new LinkedHashMap<>();
            Map<String, Long> beforeJoin = new LinkedHashMap<>();
            Map<String, ServiceProcess> joined = new LinkedHashMap<>();
            for (String service : CHANNELS.keySet()) {
                RebalanceLog log = new RebalanceLog(running.get(service).log());
                runningLogs.put(service, log);
                beforeJoin.put(service, log.end());
                joined.put(service, replica(stack, service));
            }
            try {
                joined.values().forEach(ServiceProcess::launch);
                joined.values().forEach(ServiceProcess::awaitReady);
                long ready = System.currentTimeMillis();

                // the newcomer owns partitions of every channel once the (two-round) cooperative rebalance settled
                Map<String, Set<String>> taken = new LinkedHashMap<>();
                for (var e : CHANNELS.entrySet()) {
                    RebalanceLog log = new RebalanceLog(joined.get(e.getKey()).log());
                    for (String client : e.getValue()) {
                        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                                .until(() -> !log.owned(0, client).isEmpty()
                                        && runningLogs.get(e.getKey()).taken(beforeJoin.get(e.getKey()), client,
                                                Kind.REVOKED).containsAll(log.owned(0, client)));
                        taken.put(e.getKey() + " " + client, log.owned(0, client));
                    }
                }
                for (var e : CHANNELS.entrySet()) {
                    RebalanceLog log = runningLogs.get(e.getKey());
                    for (String client : e.getValue()) {
                        Set<String> gaveUp = log.taken(beforeJoin.get(e.getKey()), client, Kind.REVOKED);
                        System.out.printf("join: %s %s gave up %s, the new replica took %s (%.1f s after it was"
                                + " ready)%n", e.getKey(), client, gaveUp, taken.get(e.getKey() + " " + client),
                                (lastMove(log, beforeJoin.get(e.getKey()), client) - ready) / 1000.0);
                        assertThat(gaveUp).as("%s %s revoked only what the joining replica took", e.getKey(), client)
                                .isEqualTo(taken.get(e.getKey() + " " + client));
                        assertThat(log.taken(beforeJoin.get(e.getKey()), client, Kind.LOST))
                                .as("%s %s lost nothing", e.getKey(), client).isEmpty();
                        assertThat(log.owned(0, client)).as("%s %s still owns the rest", e.getKey(), client)
                                .isNotEmpty().doesNotContainAnyElementsOf(taken.get(e.getKey() + " " + client));
                    }
                }

                Map<String, Long> beforeKill = new LinkedHashMap<>();
                runningLogs.forEach((service, log) -> beforeKill.put(service, log.end()));
                long killed = System.currentTimeMillis();
                joined.values().forEach(ServiceProcess::kill);
                for (var e : CHANNELS.entrySet()) {
                    RebalanceLog log = runningLogs.get(e.getKey());
                    for (String client : e.getValue()) {
                        Set<String> back = taken.get(e.getKey() + " " + client);
                        long at = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                                .until(() -> log.regainedAt(beforeKill.get(e.getKey()), client, back), t -> t > 0);
                        System.out.printf("kill -9: %s %s took %s back %.1f s after the kill%n", e.getKey(), client,
                                back, (at - killed) / 1000.0);
                        assertThat(log.owned(0, client)).as("%s %s owns the dead replica's partitions", e.getKey(),
                                client).containsAll(back);
                    }
                }
            } finally {
                joined.values().forEach(ServiceProcess::close);
            }
            sender.join(180_000);
        }
        FlowChecks.assertExactlyOnceEffect(flow, stack, Duration.ofSeconds(120));
        FlowChecks.assertReady(stack.services.traceService(), stack.services.costService());
    }

    /** A second instance of {@code service} on the stack's broker and database, its own log. */
    private static ServiceProcess replica(TestStack stack, String service) throws Exception {
        Path log = Path.of("target", "real-stack", service + "-replica.log").toAbsolutePath();
        Files.deleteIfExists(log);
        return new ServiceProcess(RealStack.packagedJar(service), stack.scorerConfig(), log);
    }

    private static long lastMove(RebalanceLog log, long from, String client) {
        return log.moves(from).stream().filter(m -> m.client().equals(client)).mapToLong(RebalanceLog.Move::epochMillis)
                .max().orElse(0);
    }
}
