package com.ecommerce.bootstrap.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table names and SQL live in adapter-persistence only. ArchUnit sees dependencies, not string constants, so this
 * reads the production sources of every other module for a string literal that looks like SQL or names a table.
 */
class SqlOnlyInPersistenceTest {

    private static final Pattern SQL_LITERAL = Pattern.compile(
            "\"[^\"]*\\b(?i:select\\s.+\\sfrom|update\\s+\\w+\\s+set|insert\\s+into|delete\\s+from|for\\s+update"
                    + "|innodb_lock_wait_timeout|lock_timeout)\\b[^\"]*\"");
    private static final Pattern TABLE_NAME = Pattern.compile(
            "\"[^\"]*\\b(point_balance|point_history|item_stock|order_line|idempotency_record)\\b[^\"]*\"");

    @Test
    void noModuleButPersistenceHoldsSqlOrTableNames() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> modules = List.of("domain", "application", "adapter-web", "adapter-lock", "bootstrap");
        List<String> offending = modules.stream()
                .map(module -> root.resolve(module).resolve("src/main/java"))
                .peek(dir -> assertThat(dir).as("module sources").isDirectory())
                .flatMap(SqlOnlyInPersistenceTest::javaFiles)
                .flatMap(file -> lines(file).stream()
                        .filter(line -> SQL_LITERAL.matcher(line).find() || TABLE_NAME.matcher(line).find())
                        .map(line -> root.relativize(file) + ": " + line.strip()))
                .toList();
        assertThat(offending).as("SQL or table names outside adapter-persistence").isEmpty();
    }

    @Test
    void theCheckFindsSqlWhereItIs() {
        Path persistence = Path.of("..").toAbsolutePath().normalize().resolve("adapter-persistence/src/main/java");
        long found = javaFiles(persistence).flatMap(file -> lines(file).stream())
                .filter(line -> SQL_LITERAL.matcher(line).find()).count();
        assertThat(found).as("SQL literals the pattern sees in adapter-persistence").isGreaterThan(3);
    }

    private static Stream<Path> javaFiles(Path dir) {
        try {
            return Files.walk(dir).filter(p -> p.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
