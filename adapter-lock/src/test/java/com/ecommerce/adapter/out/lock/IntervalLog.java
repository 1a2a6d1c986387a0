package com.ecommerce.adapter.out.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An overlap detector that shares nothing with the contenders but a file: every holder appends {@code E <holder>}
 * as the first step of its work and {@code L <holder>} as the last, and the file must read as intervals one after
 * another ({@code E x, L x, E y, L y, ...}), never one inside another.
 *
 * <p>Why a file: threads and processes alike append to it, and it lives outside every server under test (a Redis
 * list would share its server with {@code lock-redis}) and outside every JVM's memory (an in-memory counter sees
 * one process only). Each line is one {@code write(2)} on a descriptor opened with {@code O_APPEND}; on a local file
 * system the kernel takes the file's lock for each such write, so lines never interleave and the file's order is the
 * order in which the writes happened. A holder writes {@code L} before its lock is released and the next holder
 * writes {@code E} after it has acquired, so under a lock that excludes the file can only alternate; under one that
 * lets two in, the second {@code E} lands before the first {@code L} while both hold (each holds a few milliseconds).
 * No clock is read.
 */
final class IntervalLog implements AutoCloseable {

    private final FileChannel channel;

    private IntervalLog(FileChannel channel) {
        this.channel = channel;
    }

    /** Appends to {@code file}, creating it if it is missing; each process opens its own. */
    static IntervalLog appendingTo(Path file) {
        try {
            return new IntervalLog(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void enter(String holder) {
        append("E " + holder + "\n");
    }

    void leave(String holder) {
        append("L " + holder + "\n");
    }

    private void append(String line) {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        try {
            channel.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.hasRemaining()) {
            throw new IllegalStateException("a short append to the interval log: " + line.strip());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * The holders in the order of their intervals, after checking that the file alternates strictly: every
     * {@code E} is followed by the {@code L} of the same holder, and the file ends outside every interval.
     */
    static List<String> intervals(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        List<String> holders = new ArrayList<>();
        String inside = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (inside == null && line.startsWith("E ")) {
                inside = line.substring(2);
            } else if (inside != null && line.equals("L " + inside)) {
                holders.add(inside);
                inside = null;
            } else {
                throw new AssertionError("two holders at once: line " + (i + 1) + " of " + file + " is '" + line
                        + "' while " + (inside == null ? "nobody" : inside) + " held the lock; lines "
                        + Math.max(1, i - 3) + " to " + (i + 1) + ":\n" + String.join("\n",
                        lines.subList(Math.max(0, i - 4), i + 1)));
            }
        }
        assertThat(inside).as("a holder that never left, at the end of " + file).isNull();
        return holders;
    }

    /** Intervals per holder, in the order holders first appear. */
    static Map<String, Long> perHolder(List<String> intervals) {
        return intervals.stream().collect(Collectors.groupingBy(h -> h, LinkedHashMap::new, Collectors.counting()));
    }

    /** How often the lock passed from a holder whose name starts with {@code prefix} to one whose does not, or back. */
    static long handOversAcross(List<String> intervals, String prefix) {
        long handOvers = 0;
        for (int i = 1; i < intervals.size(); i++) {
            if (intervals.get(i).startsWith(prefix) != intervals.get(i - 1).startsWith(prefix)) {
                handOvers++;
            }
        }
        return handOvers;
    }
}
