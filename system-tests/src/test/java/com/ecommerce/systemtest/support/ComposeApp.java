package com.ecommerce.systemtest.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An instance of the packaged jar configured as a container of {@code docker/compose.yaml} would be: the image's
 * {@code ENV} (docker/Dockerfile), then the compose file's environment of {@code app-1}, interpolated as Compose
 * does with {@code LOCK_PROFILE}, {@code JWT_SECRET} (the system tests' key) and {@code JWT_ISSUER} set. Only what
 * Compose's network provides and this machine has elsewhere is replaced: the database ({@code mysql:3306}, MySQL 8.4
 * there; here the system tests' database, MariaDB, with its profile in place of {@code mysql}). The Redis and
 * ZooKeeper addresses stay as written (unused by the lock profiles these tests choose). The port is a free one, given
 * as {@code SERVER_PORT}, the variable the image sets to 8080.
 */
public final class ComposeApp {

    private ComposeApp() {
    }

    public static Map<String, String> environment(String lockProfile) {
        Map<String, String> env = new LinkedHashMap<>(DeploymentFiles.dockerfile().environment());
        env.putAll(ComposeFile.read().interpolatedEnvironment("app-1", Map.of("LOCK_PROFILE", lockProfile,
                "JWT_SECRET", Tokens.SECRET, "JWT_ISSUER", Tokens.ISSUER)));
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
