package com.ecommerce.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the system tests find what they drive: the packaged jar (system property {@code service.jar}, set by the
 * build), the database ({@code ECOMMERCE_SYSTEM_DB_URL}/{@code _USERNAME}/{@code _PASSWORD}, set by
 * {@code .ci/run}) and the {@code redis-server} binary ({@code ECOMMERCE_SYSTEM_REDIS_SERVER}, default: on the PATH).
 * A missing one fails the test with a message that says how to provide it.
 */
public final class SystemEnv {

    private SystemEnv() {
    }

    public static Path serviceJar() {
        Path jar = Path.of(System.getProperty("service.jar", "../bootstrap/target/service.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The packaged service " + jar + " does not exist: build it first "
                    + "(./mvnw verify builds bootstrap before system-tests; alone: ./mvnw -pl bootstrap -am -DskipTests package).");
        }
        return jar;
    }

    public static String dbUrl() {
        String url = System.getenv("ECOMMERCE_SYSTEM_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("""
                    The system tests need a real MariaDB 10.11+ or MySQL 8 for the service instances they start.
                    Set ECOMMERCE_SYSTEM_DB_URL (for example jdbc:mysql://127.0.0.1:3306/orders_sys?createDatabaseIfNotExist=true),
                    ECOMMERCE_SYSTEM_DB_USERNAME, ECOMMERCE_SYSTEM_DB_PASSWORD and ECOMMERCE_SYSTEM_DB_PROFILE (mariadb or mysql),
                    as `bash .ci/run` does. The database named in the URL is dropped and re-created by the tests.""");
        }
        return url;
    }

    public static String dbUsername() {
        return env("ECOMMERCE_SYSTEM_DB_USERNAME", "root");
    }

    public static String dbPassword() {
        return env("ECOMMERCE_SYSTEM_DB_PASSWORD", "");
    }

    public static String dbProfile() {
        return env("ECOMMERCE_SYSTEM_DB_PROFILE", "mariadb");
    }

    public static String redisServer() {
        return env("ECOMMERCE_SYSTEM_REDIS_SERVER", "redis-server");
    }

    public static Path workDir() {
        Path dir = Path.of(System.getProperty("system.tests.dir", "target/system-tests"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
