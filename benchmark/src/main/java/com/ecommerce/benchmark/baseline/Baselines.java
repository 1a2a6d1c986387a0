package com.ecommerce.benchmark.baseline;

import com.ecommerce.benchmark.load.LoadGenerator;
import com.ecommerce.systemtest.support.Database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical limits of one hot row and of Redis on this machine, measured in the same run as the service so that
 * results can be reported as ratios (absolute figures on these machines move by tens of percent), and the raw
 * experiments behind the claims of the source report (lost updates without control, deadlocks with unsorted locks).
 */
public final class Baselines {

    private Baselines() {
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    /** One thread's part of a rate measurement: set up, then one operation per {@code done} increment while running. */
    private interface Loop {
        void run(AtomicBoolean running, LongAdder done) throws Exception;
    }

    /** Operations per second of {@code loop} on {@code threads} threads over {@code duration}. */
    private static double rate(int threads, Duration duration, Loop loop) {
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder done = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                loop.run(running, done);
                return null;
            }));
        }
        long started = System.nanoTime();
        LoadGenerator.sleep(duration);
        running.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        awaitAll(pool, futures, 60);
        return done.sum() / seconds;
    }

    /** Waits for every task (at most {@code seconds} each), rethrowing the first failure, then shuts the pool down. */
    private static void awaitAll(ExecutorService pool, List<Future<?>> futures, int seconds) {
        try {
            for (Future<?> f : futures) {
                f.get(seconds, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("baseline or experiment failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Operations per second of {@code work} on {@code threads} connections of their own. */
    private static double jdbcRate(int threads, Duration duration, boolean autoCommit, Work work) {
        return rate(threads, duration, (running, done) -> {
            try (Connection c = Database.connect()) {
                c.setAutoCommit(autoCommit);
                while (running.get()) {
                    work.run(c);
                    done.increment();
                }
            }
        });
    }

    public static void createHotRow(long quantity) {
        try (Connection c = Database.connect(); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_row (id bigint primary key, q bigint not null)");
            s.execute("delete from bench_row");
            s.execute("insert into bench_row (id, q) values (1, " + quantity + "), (2, " + quantity + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code SELECT ... FOR UPDATE} + {@code UPDATE} + {@code COMMIT} on one hot row. */
    public static double forUpdateCommit(int threads, Duration duration) {
        createHotRow(Long.MAX_VALUE / 2);
        return jdbcRate(threads, duration, false, c -> {
            try (PreparedStatement select = c.prepareStatement("select q from bench_row where id = 1 for update");
                 PreparedStatement update = c.prepareStatement("update bench_row set q = q - 1 where id = 1")) {
                select.executeQuery().close();
                update.executeUpdate();
                c.commit();
            }
        });
    }

    /** Autocommit {@code UPDATE ... SET q = q - 1 WHERE id = 1 AND q > 0} on one hot row. */
    public static double conditionalUpdate(int threads, Duration duration) {
        createHotRow(Long.MAX_VALUE / 2);
        return jdbcRate(threads, duration, true, c -> {
            try (PreparedStatement update = c.prepareStatement("update bench_row set q = q - 1 where id = 1 and q > 0")) {
                update.executeUpdate();
            }
        });
    }

    /**
     * Redis round trips per second ({@code PING}) from {@code threads} connections. Written against the socket
     * because a PING is two lines of the protocol; a client library would measure itself as well.
     */
    public static double redisPing(String host, int port, int threads, Duration duration) {
        byte[] ping = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
        return rate(threads, duration, (running, done) -> {
            try (Socket socket = new Socket(host, port)) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                byte[] reply = new byte[7];
                while (running.get()) {
                    out.write(ping);
                    out.flush();
                    int read = 0;
                    while (read < reply.length) {
                        int n = in.read(reply, read, reply.length - read);
                        if (n < 0) {
                            throw new IOException("Redis closed the connection");
                        }
                        read += n;
                    }
                    done.increment();
                }
            }
        });
    }

    public record LostUpdates(int threads, int incrementsEach, long expected, long actual) {
        public long lost() {
            return expected - actual;
        }
    }

    /** Read-modify-write without any control: each thread reads q, then writes q + 1 in its own transaction. */
    public static LostUpdates lostUpdatesWithoutControl(int threads, int incrementsEach) {
        createHotRow(0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                try (Connection c = Database.connect();
                     PreparedStatement read = c.prepareStatement("select q from bench_row where id = 1");
                     PreparedStatement write = c.prepareStatement("update bench_row set q = ? where id = 1")) {
                    for (int i = 0; i < incrementsEach; i++) {
                        long q;
                        try (ResultSet rs = read.executeQuery()) {
                            rs.next();
                            q = rs.getLong(1);
                        }
                        write.setLong(1, q + 1);
                        write.executeUpdate();
                    }
                }
                return null;
            }));
        }
        awaitAll(pool, futures, 120);
        return new LostUpdates(threads, incrementsEach, (long) threads * incrementsEach,
                Database.number("select q from bench_row where id = 1"));
    }

    /** Deadlocks (error 1213) per way of locking, and how long each way took in all (milliseconds). */
    public record Deadlocks(int threads, int transactionsEach, long deadlocksUnsorted, long deadlocksSorted,
                     long deadlocksOneStatement, long millisUnsorted, long millisSorted, long millisOneStatement) {
    }

    private record Count(long deadlocks, long millis) {
    }

    /** How a transaction takes its two row locks. */
    private enum LockOrder {
        /** Half of the threads lock row 2 then row 1, the other half 1 then 2, one statement per row. */
        OPPOSITE,
        /** Every thread locks 1 then 2, one statement per row: the order this service uses. */
        SORTED,
        /**
         * One statement, {@code WHERE id IN (2, 1)} for half of the threads and {@code IN (1, 2)} for the other half:
         * the bulk query the source report dismissed because InnoDB locks rows "as it encounters them". It
         * encounters them in index order, whatever the order of the list.
         */
        ONE_STATEMENT
    }

    /**
     * Transactions that lock rows 1 and 2 with FOR UPDATE, in opposite orders, in one sorted order, and in one
     * {@code IN (...)} statement. Counts MySQL error 1213 (deadlock found, transaction rolled back).
     */
    public static Deadlocks deadlocksUnsortedVersusSorted(int threads, int transactionsEach) {
        createHotRow(0);
        Count opposite = deadlocks(threads, transactionsEach, LockOrder.OPPOSITE);
        Count sorted = deadlocks(threads, transactionsEach, LockOrder.SORTED);
        Count oneStatement = deadlocks(threads, transactionsEach, LockOrder.ONE_STATEMENT);
        return new Deadlocks(threads, transactionsEach, opposite.deadlocks(), sorted.deadlocks(),
                oneStatement.deadlocks(), opposite.millis(), sorted.millis(), oneStatement.millis());
    }

    private static Count deadlocks(int threads, int transactionsEach, LockOrder order) {
        long started = System.nanoTime();
        LongAdder deadlocks = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean reverse = order != LockOrder.SORTED && t % 2 == 1;
            futures.add(pool.submit(() -> {
                try (Connection c = Database.connect();
                     PreparedStatement lockOne = c.prepareStatement("select q from bench_row where id = ? for update");
                     PreparedStatement lockBoth = c.prepareStatement(
                             "select q from bench_row where id in (?, ?) for update")) {
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        s.execute("SET SESSION innodb_lock_wait_timeout = 10");
                    }
                    long[] ids = reverse ? new long[]{2, 1} : new long[]{1, 2};
                    for (int i = 0; i < transactionsEach; i++) {
                        try {
                            if (order == LockOrder.ONE_STATEMENT) {
                                lockBoth.setLong(1, ids[0]);
                                lockBoth.setLong(2, ids[1]);
                                lockBoth.executeQuery().close();
                            } else {
                                for (long id : ids) {
                                    lockOne.setLong(1, id);
                                    lockOne.executeQuery().close();
                                }
                            }
                            c.commit();
                        } catch (SQLException e) {
                            if (e.getErrorCode() == 1213) {
                                deadlocks.increment();
                            }
                            c.rollback();
                        }
                    }
                }
                return null;
            }));
        }
        awaitAll(pool, futures, 300);
        return new Count(deadlocks.sum(), (System.nanoTime() - started) / 1_000_000);
    }
}
