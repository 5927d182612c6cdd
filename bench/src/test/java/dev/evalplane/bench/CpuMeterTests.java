package dev.evalplane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.LocalPostgres;

class CpuMeterTests {

    /**
     * PostgreSQL's autovacuum workers and ended backends exit while a round runs: the postmaster waits for them and the
     * kernel adds their CPU to its children's time, which the meter must count or a round can read less than before.
     */
    @Test
    void aRoleKeepsTheCpuOfItsChildrenThatExited() throws Exception {
        String marker = "cpu-meter-" + UUID.randomUUID();
        String busyChild = "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done";
        Process parent = new ProcessBuilder("sh", "-c", ": " + marker + "; sh -c '" + busyChild + "'; sleep 30").start();
        try {
            CpuMeter meter = CpuMeter.create().role("parent", p -> CpuMeter.commandLine(p, marker));
            Instant limit = Instant.now().plus(Duration.ofSeconds(60));
            while (parent.toHandle().children().noneMatch(c -> CpuMeter.executable(c, "sleep"))) {
                assertThat(Instant.now()).as("the busy child has exited").isBefore(limit);
                Thread.sleep(20);
            }
            // the parent shell itself did next to nothing: what the meter reads is its child's work
            assertThat(meter.read().get("parent")).isGreaterThan(0.1);
        } finally {
            parent.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    /**
     * PostgreSQL's CPU split by the title of each process: a statement's work is its backend's, not the checkpointer's
     * or the postmaster's.
     */
    @Test
    void postgresCpuIsSplitByProcessKind() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.startTemporary();
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres")) {
            Map<String, Double> before = CpuMeter.postgresProcesses();
            try (Statement statement = connection.createStatement();
                    ResultSet count = statement.executeQuery("SELECT count(*) FROM generate_series(1, 20000000)")) {
                count.next();
            }
            Map<String, Double> after = CpuMeter.postgresProcesses();

            assertThat(after).containsKeys("backends", "checkpointer", "walwriter", "postmaster",
                    "autovacuum workers and ended children");
            assertThat(after.get("backends") - before.getOrDefault("backends", 0.0)).isGreaterThan(0.2);
            assertThat(after.get("checkpointer") - before.get("checkpointer")).isLessThan(0.1);
            assertThat(after.get("postmaster") - before.get("postmaster")).isLessThan(0.1);
        }
    }
}
