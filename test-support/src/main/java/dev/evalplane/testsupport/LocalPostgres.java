package dev.evalplane.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server without Docker. Debian's server binaries when installed (run as user postgres when we
 * are root), else zonky's embedded binaries ({@code -Dpg.mode=zonky} forces it). The Debian server runs under a
 * tiny shell watchdog that shuts it down when this JVM closes the pipe or dies: no orphan postmaster. Commit
 * timestamps are kept ({@code pg_xact_commit_timestamp(xmin)}): benchmarks read when a service stored a row from them.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final String WATCHDOG = "\"$0\" -D \"$1\" -p \"$2\" -k \"$3\" -c listen_addresses=localhost"
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            + " -c track_commit_timestamp=on & pid=$!; cat >/dev/null; kill -INT $pid; wait $pid";

    private final Path dir;
    private final boolean temporary;
    private final int port;
    private Process server;
    private EmbeddedPostgres zonky;

    private LocalPostgres(Path dir, boolean temporary, int port) {
        this.dir = dir;
        this.temporary = temporary;
        this.port = port;
    }

    public static LocalPostgres startTemporary() {
        try {
            LocalPostgres pg = new LocalPostgres(Files.createTempDirectory("evalplane-pg-"), true, Processes.freePort());
            pg.start();
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static LocalPostgres startPersistent(int port, Path dir) {
        LocalPostgres pg = new LocalPostgres(dir, false, port);
        pg.start();
        return pg;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(dir);
            String bin = debianBinDir();
            if (bin == null || "zonky".equals(System.getProperty("pg.mode"))) {
                zonky = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir.resolve("zonky"))
                        .setCleanDataDirectory(temporary).start();
                return;
            }
            startDebian(bin);
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void startDebian(String bin) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            run(asPostgresUser(bin + "/initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--no-sync", "--no-instructions"));
        }
        // -Dpg.stat-statements=true loads pg_stat_statements (benchmark profiles: CREATE EXTENSION, then read the view)
        String watchdog = Boolean.getBoolean("pg.stat-statements")
                ? WATCHDOG.replace(" & pid=$!", " -c shared_preload_libraries=pg_stat_statements & pid=$!") : WATCHDOG;
        server = new ProcessBuilder(asPostgresUser("sh", "-c", watchdog, bin + "/postgres", data.toString(),
                String.valueOf(port), dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
                .start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (new ProcessBuilder(bin + "/pg_isready", "-q", "-h", "localhost", "-p", String.valueOf(port))
                .start().waitFor() != 0) {
            if (!server.isAlive() || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("PostgreSQL did not start; see " + dir.resolve("server.log"));
            }
            Thread.sleep(50);
        }
    }

    private static String debianBinDir() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(p -> p.resolve("bin")).filter(p -> Files.exists(p.resolve("initdb")))
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString(),
                            Comparator.comparingInt(v -> v.matches("\\d+") ? Integer.parseInt(v) : 0)))
                    .map(Path::toString).orElse(null);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgresUser(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(Arrays.asList(command));
        return full;
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        File log = dir.resolve("setup.log").toFile();
        int rc = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("rc=" + rc + " for " + command + "; see " + log);
        }
    }

    public int port() {
        return zonky != null ? zonky.getPort() : port;
    }

    public String reactiveUrl() {
        return "postgresql://localhost:" + port() + "/postgres";
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres";
    }

    /** Fast shutdown, data kept: {@link #start()} brings the same database back (restart tests). */
    public synchronized void stop() {
        try {
            if (zonky != null) {
                zonky.close();
                zonky = null;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Processes.stopByStdin(server, 30);
        server = null;
    }

    @Override
    public void close() {
        stop();
        if (temporary) {
            Processes.deleteTree(dir);
        }
    }
}
