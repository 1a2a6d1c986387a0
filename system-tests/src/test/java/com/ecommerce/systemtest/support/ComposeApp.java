package com.ecommerce.systemtest.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An instance of the packaged jar configured as a container of {@code docker/compose.yaml} would be: the image's
 * {@code ENV} (docker/Dockerfile), then the compose file's environment of {@code app-1}, interpolated as Compose
 * does with {@code LOCK_PROFILE}, {@code JWT_SECRET} (the system tests' key), {@code JWT_ISSUER} and the file's other
 * required secrets ({@link #SECRETS}) set. Only what
 * Compose's network provides and this machine has elsewhere is replaced: the database ({@code mysql:3306}, MySQL 8.4
 * there; here the system tests' database, MariaDB, with its profile in place of {@code mysql}). The Redis and
 * ZooKeeper addresses stay as written (unused by the lock profiles these tests choose). The port is a free one, given
 * as {@code SERVER_PORT}, the variable the image sets to 8080.
 */
public final class ComposeApp {

    private ComposeApp() {
    }

    /** The secrets the compose file requires besides JWT_SECRET, as a developer would export them. */
    public static final Map<String, String> SECRETS = Map.of("MYSQL_ROOT_PASSWORD", "root-pass",
            "ORDERS_DB_PASSWORD", "orders-pass", "REDIS_PASSWORD", "redis-pass", "ZOOKEEPER_AUTH", "orders:zk-pass");

    /** The variables a developer exports before any command on the compose file, with {@code LOCK_PROFILE}. */
    public static Map<String, String> variables(String lockProfile) {
        Map<String, String> variables = new LinkedHashMap<>(SECRETS);
        variables.putAll(Map.of("LOCK_PROFILE", lockProfile, "JWT_SECRET", Tokens.SECRET, "JWT_ISSUER", Tokens.ISSUER));
        return variables;
    }

    public static Map<String, String> environment(String lockProfile) {
        Map<String, String> env = new LinkedHashMap<>(DeploymentFiles.dockerfile().environment());
        env.putAll(ComposeFile.read().interpolatedEnvironment("app-1", variables(lockProfile)));
        env.put("SPRING_DATASOURCE_URL", SystemEnv.dbUrl());
        env.put("SPRING_DATASOURCE_USERNAME", SystemEnv.dbUsername());
        env.put("SPRING_DATASOURCE_PASSWORD", SystemEnv.dbPassword());
        env.put("SPRING_PROFILES_ACTIVE", Arrays.stream(env.get("SPRING_PROFILES_ACTIVE").split(","))
                .map(profile -> profile.equals("mysql") ? SystemEnv.dbProfile() : profile)
                .collect(Collectors.joining(",")));
        return env;
    }

    /** Starts one such instance; does not wait for it. */
    public static ServiceInstance start(String name, String lockProfile) {
        return ServiceInstance.startWithEnvironment(name, environment(lockProfile));
    }
}
