package dev.evalplane.bench.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partition moves a service logged (Kafka's consumer logs each rebalance's "Adding newly assigned partitions",
 * "Revoke previously assigned partitions" and "Lost previously assigned partitions" per consumer, at INFO in our
 * services), read from the outside: which partitions a channel's consumer owns, which it gave up or lost after a
 * given point of the log, and when.
 */
final class RebalanceLog {

    enum Kind { ADDED, REVOKED, LOST }

    record Move(long epochMillis, String client, Kind kind, Set<String> partitions) {
    }

    private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}) .*"
            + "\\[Consumer clientId=([^,]+), groupId=[^\\]]+\\] "
            + "(Adding newly assigned partitions|Revoke previously assigned partitions|Lost previously assigned partitions)"
            + ":?(.*)$");
    private static final Pattern PARTITION = Pattern.compile("(?<![\\w-])((?:trace-costs|spans|assessments)-\\d+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final Path file;

    RebalanceLog(Path file) {
        this.file = file;
    }

    /** How far the log is now, to read only what is logged after this point. */
    long end() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every partition move logged from byte {@code from} on, in order. */
    List<Move> moves(long from) {
        List<Move> moves = new ArrayList<>();
        if (!Files.exists(file)) {
            return moves;
        }
        try {
            byte[] all = Files.readAllBytes(file);
            String text = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                    StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                Set<String> partitions = new TreeSet<>();
                Matcher p = PARTITION.matcher(m.group(4));
                while (p.find()) {
                    partitions.add(p.group(1));
                }
                Kind kind = m.group(3).startsWith("Adding") ? Kind.ADDED
                        : m.group(3).startsWith("Revoke") ? Kind.REVOKED : Kind.LOST;
                long millis = LocalDateTime.parse(m.group(1), TIME).atZone(ZoneId.systemDefault()).toInstant()
                        .toEpochMilli();
                moves.add(new Move(millis, channelClient(m.group(2)), kind, partitions));
            }
            return moves;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A channel consumed by several consumers in one replica ({@code mp.messaging.incoming.<channel>.concurrency}, client
     * ids {@code kafka-consumer-spans$1}, {@code ...$2}) counts as one: what the replica's channel owns, gives up or
     * takes back.
     */
    private static String channelClient(String clientId) {
        return clientId.replaceFirst("\\$\\d+$", "");
    }

    /** The partitions {@code client} owns after every move logged from byte {@code from} on. */
    Set<String> owned(long from, String client) {
        Set<String> owned = new TreeSet<>();
        for (Move move : moves(from)) {
            if (!move.client().equals(client)) {
                continue;
            }
            if (move.kind() == Kind.ADDED) {
                owned.addAll(move.partitions());
            } else {
                owned.removeAll(move.partitions());
            }
        }
        return owned;
    }

    /** The partitions {@code client} gave up ({@code kind} REVOKED) or lost (LOST) from byte {@code from} on. */
    Set<String> taken(long from, String client, Kind kind) {
        Set<String> taken = new TreeSet<>();
        moves(from).stream().filter(m -> m.client().equals(client) && m.kind() == kind)
                .forEach(m -> taken.addAll(m.partitions()));
        return taken;
    }

    /** When {@code client} first owned all of {@code partitions} again after byte {@code from}; -1 if not yet. */
    long regainedAt(long from, String client, Set<String> partitions) {
        Set<String> added = new TreeSet<>();
        for (Move move : moves(from)) {
            if (move.client().equals(client) && move.kind() == Kind.ADDED) {
                added.addAll(move.partitions());
                if (added.containsAll(partitions)) {
                    return move.epochMillis();
                }
            }
        }
        return -1;
    }
}
