package com.ecommerce.adapter.out.lock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The overlap detector of the lock contract: what it reads as one holder at a time, and what as two. */
class IntervalLogTest {

    @TempDir
    Path dir;

    private Path log(String... lines) throws Exception {
        return Files.write(dir.resolve("intervals"), List.of(lines));
    }

    @Test
    void intervalsOneAfterAnother_areReadInOrder_andCountedPerHolder() throws Exception {
        List<String> intervals = IntervalLog.intervals(log("E a", "L a", "E b", "L b", "E a", "L a"));

        assertThat(intervals).containsExactly("a", "b", "a");
        assertThat(IntervalLog.perHolder(intervals)).isEqualTo(Map.of("a", 2L, "b", 1L));
        assertThat(IntervalLog.handOversAcross(intervals, "a")).isEqualTo(2);
    }

    @Test
    void anEntryWhileAnotherHolds_isTwoHoldersAtOnce() throws Exception {
        Path file = log("E a", "L a", "E b", "E a", "L a", "L b");

        assertThatThrownBy(() -> IntervalLog.intervals(file)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("line 4").hasMessageContaining("'E a' while b held the lock");
    }

    @Test
    void aLeaveOfSomeoneElse_orOfNobody_isRefused() throws Exception {
        Path someoneElse = log("E a", "L b");
        assertThatThrownBy(() -> IntervalLog.intervals(someoneElse)).hasMessageContaining("line 2");

        Path nobody = log("E a", "L a", "L a");
        assertThatThrownBy(() -> IntervalLog.intervals(nobody)).hasMessageContaining("line 3");
    }

    @Test
    void aHolderThatNeverLeft_isRefused() throws Exception {
        Path file = log("E a", "L a", "E b");

        assertThatThrownBy(() -> IntervalLog.intervals(file)).hasMessageContaining("never left");
    }

    /** Each writer has a descriptor of its own, as each process has: the lines must still come out whole. */
    @Test
    void appendsFromManyWritersAtOnce_arriveAsWholeLines() throws Exception {
        Path file = dir.resolve("many");
        int writers = 8;
        int lines = 500;
        ContractThreads.concurrently(writers, w -> {
            try (IntervalLog log = IntervalLog.appendingTo(file)) {
                for (int i = 0; i < lines; i++) {
                    log.enter("writer-" + w + "-round-" + i);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(Files.readAllLines(file)).hasSize(writers * lines)
                .allMatch(line -> line.matches("E writer-\\d-round-\\d+"))
                .containsAll(IntStream.range(0, lines).mapToObj(i -> "E writer-7-round-" + i).toList());
    }
}
