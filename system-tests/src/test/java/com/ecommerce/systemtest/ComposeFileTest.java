package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.ComposeApp;
import com.ecommerce.systemtest.support.ComposeFile;
import com.ecommerce.systemtest.support.DeploymentFiles;
import com.ecommerce.systemtest.support.Dockerfile;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code docker/compose.yaml} without Docker: valid under the Compose specification's published JSON schema (a pinned
 * copy, {@code src/test/resources/compose-spec/}), and complete for the service: every setting it needs, the start
 * order by health. The validator is shown to refuse broken copies, so a pass means something.
 */
class ComposeFileTest {

    /** The pinned schema's SHA-256 (see compose-spec/README.md). */
    static final String SCHEMA_SHA256 = "bc50c2d79102aed8df21b3a13e56c9396c7a06da6cff5ce37629f2ee7eb41735";

    static Schema schema;
    static ComposeFile compose;

    @BeforeAll
    static void load() throws IOException, NoSuchAlgorithmException {
        byte[] bytes;
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            assertThat(in).as("the pinned schema on the test classpath").isNotNull();
            bytes = in.readAllBytes();
        }
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .as("the pinned copy of compose-spec.json is the one README.md names").isEqualTo(SCHEMA_SHA256);
        // the schema's relative $id (compose_spec.json) needs a base; it is the copy's own place on the classpath,
        // so nothing is ever fetched
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(
                SchemaLocation.of("classpath:compose-spec/compose-spec.json"),
                new String(bytes, StandardCharsets.UTF_8), InputFormat.JSON);
        compose = ComposeFile.read();
    }

    static List<String> errors(JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    @Test
    void composeFile_isValidUnderTheComposeSpecificationSchema() {
        assertThat(errors(compose.tree())).isEmpty();
    }

    @Test
    void theValidator_refusesBrokenCopies() {
        ObjectNode unknownKey = (ObjectNode) compose.tree();
        ((ObjectNode) unknownKey.path("services").path("app-1")).put("enviroment", "typo");
        assertThat(errors(unknownKey)).as("an unknown service key").isNotEmpty();

        ObjectNode wrongType = (ObjectNode) compose.tree();
        ((ObjectNode) wrongType.path("services").path("nginx")).put("ports", 8080);
        assertThat(errors(wrongType)).as("ports as a number, not a list").isNotEmpty();

        ObjectNode badCondition = (ObjectNode) compose.tree();
        ((ObjectNode) badCondition.path("services").path("nginx").path("depends_on").path("app-1"))
                .put("condition", "service_up");
        assertThat(errors(badCondition)).as("a depends_on condition outside the enum").isNotEmpty();

        ObjectNode unknownTopLevel = (ObjectNode) compose.tree();
        unknownTopLevel.put("servces", "typo");
        assertThat(errors(unknownTopLevel)).as("an unknown top-level key (x- keys are the allowed extensions)")
                .isNotEmpty();
    }

    @Test
    void yamlIsReadAsComposeReadsIt_mergeKeysResolved_duplicateKeysRefused() {
        assertThat(compose.environment("app-1")).isEqualTo(compose.environment("app-2")).isNotEmpty();
        assertThat(compose.service("app-1").has("<<")).isFalse();
        assertThatThrownBy(() -> ComposeFile.parse("services:\n  a:\n    image: x\n    image: y\n"))
                .hasMessageContaining("duplicate key");
    }

    @Test
    void theInstances_getEverySettingTheServiceNeeds() {
        assertThat(compose.appServices()).containsExactly("app-1", "app-2");
        Map<String, String> env = compose.environment("app-1");
        assertThat(env).containsKeys("SPRING_PROFILES_ACTIVE", "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                "SPRING_DATASOURCE_PASSWORD", "SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PORT",
                "SPRING_DATA_REDIS_PASSWORD", "ECOMMERCE_LOCK_REDIS_PASSWORD", "ECOMMERCE_LOCK_REDIS_ADDRESSES",
                "ECOMMERCE_LOCK_ZOOKEEPER_CONNECT_STRING", "ECOMMERCE_LOCK_ZOOKEEPER_AUTH",
                "ECOMMERCE_LOCK_ETCD_ENDPOINTS", "ECOMMERCE_LOCK_HAZELCAST_MEMBERS", "ECOMMERCE_SECURITY_JWT_SECRET");
        // a database profile without a token source refuses to start; the file refuses first, and says why
        assertThat(env.get("ECOMMERCE_SECURITY_JWT_SECRET")).matches("\\$\\{JWT_SECRET:\\?.+}");
        assertThatThrownBy(() -> compose.interpolatedEnvironment("app-1", ComposeApp.SECRETS))
                .hasMessageContaining("JWT_SECRET").hasMessageContaining("32 bytes");
        Map<String, String> emptyKey = new HashMap<>(ComposeApp.SECRETS);
        emptyKey.put("JWT_SECRET", "");
        assertThatThrownBy(() -> compose.interpolatedEnvironment("app-1", emptyKey))
                .as("an empty key is no key").hasMessageContaining("JWT_SECRET");
        Map<String, String> variables = new HashMap<>(ComposeApp.SECRETS);
        variables.put("JWT_SECRET", "k".repeat(32));
        Map<String, String> resolved = compose.interpolatedEnvironment("app-1", variables);
        assertThat(resolved.get("SPRING_PROFILES_ACTIVE")).isEqualTo("mysql,lock-redlock");
        assertThat(resolved.get("ECOMMERCE_SECURITY_JWT_ISSUER")).isEmpty();

        // every host the instances are told about is a service of the file, on the port that service listens on
        Set<String> services = Set.copyOf(compose.serviceNames());
        assertThat(URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length())).getHost()).isIn(services);
        assertThat(env.get("SPRING_DATA_REDIS_HOST")).isIn(services);
        for (String address : env.get("ECOMMERCE_LOCK_REDIS_ADDRESSES").split(",")) {
            assertThat(URI.create(address).getHost()).isIn(services);
            assertThat(URI.create(address).getPort()).isEqualTo(6379);
        }
        for (String address : env.get("ECOMMERCE_LOCK_ZOOKEEPER_CONNECT_STRING").split(",")) {
            assertThat(address.split(":")[0]).isIn(services);
        }
        for (String endpoint : env.get("ECOMMERCE_LOCK_ETCD_ENDPOINTS").split(",")) {
            assertThat(URI.create(endpoint).getHost()).isIn(services);
            assertThat(URI.create(endpoint).getPort()).isEqualTo(2379);
        }
        // lock-hazelcast: the instances themselves are the members, each on the default member port
        assertThat(env.get("ECOMMERCE_LOCK_HAZELCAST_MEMBERS").split(","))
                .containsExactlyInAnyOrderElementsOf(compose.appServices().stream().map(app -> app + ":5701").toList());
    }

    @Test
    void everySecret_isRequired_andNoneHasADefault() throws IOException {
        String file = java.nio.file.Files.readString(ComposeFile.path());
        List<String> defaulted = java.util.regex.Pattern.compile("\\$\\{([A-Z_]*(PASSWORD|SECRET|AUTH|KEY)[A-Z_]*):?-")
                .matcher(file).results().map(m -> m.group(1)).toList();
        assertThat(defaulted).as("secrets with a default value").isEmpty();

        Map<String, String> all = new HashMap<>(ComposeApp.SECRETS);
        all.put("JWT_SECRET", "k".repeat(32));
        assertThat(compose.interpolated(all).toString()).doesNotContain("${");
        for (String secret : all.keySet()) {
            Map<String, String> without = new HashMap<>(all);
            without.remove(secret);
            assertThatThrownBy(() -> compose.interpolated(without)).as("every command without " + secret)
                    .hasMessageContaining("required variable " + secret + " is missing");
        }

        // each secret reaches both of its ends: the server that checks it and the instances that send it
        JsonNode resolved = compose.interpolated(all);
        JsonNode app = resolved.path("services").path("app-1").path("environment");
        JsonNode mysql = resolved.path("services").path("mysql");
        assertThat(app.path("SPRING_DATASOURCE_PASSWORD").asString()).isEqualTo("orders-pass")
                .isEqualTo(mysql.path("environment").path("MYSQL_PASSWORD").asString());
        assertThat(mysql.path("environment").path("MYSQL_ROOT_PASSWORD").asString()).isEqualTo("root-pass");
        assertThat(mysql.path("healthcheck").path("test").toString()).contains("-proot-pass");
        assertThat(app.path("SPRING_DATA_REDIS_PASSWORD").asString()).isEqualTo("redis-pass");
        assertThat(app.path("ECOMMERCE_LOCK_REDIS_PASSWORD").asString()).isEqualTo("redis-pass");
        assertThat(app.path("ECOMMERCE_LOCK_ZOOKEEPER_AUTH").asString()).isEqualTo("orders:zk-pass");
        for (String redis : redisServices()) {
            JsonNode service = resolved.path("services").path(redis);
            List<String> command = new java.util.ArrayList<>();
            service.path("command").forEach(argument -> command.add(argument.asString()));
            assertThat(command).as(redis + " requires the password").containsSequence("--requirepass", "redis-pass");
            assertThat(service.path("environment").path("REDISCLI_AUTH").asString()).as(redis + "'s health check")
                    .isEqualTo("redis-pass");
            // redis-cli answers NOAUTH with exit status 0: a check that only ran it would pass unauthenticated
            assertThat(service.path("healthcheck").path("test").toString()).contains("grep -q PONG");
        }
    }

    List<String> redisServices() {
        List<String> redis = compose.serviceNames().stream().filter(s -> s.startsWith("redis-")).toList();
        assertThat(redis).hasSize(3);
        return redis;
    }

    @Test
    void theInstances_connectAsTheServicesOwnUser_whoseGrantsAreTheFileMountedIntoMysql() throws IOException {
        Map<String, String> env = compose.environment("app-1");
        JsonNode mysql = compose.service("mysql");
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isNotEqualTo("root")
                .isEqualTo(mysql.path("environment").path("MYSQL_USER").asString());
        String schema = URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length())).getPath().substring(1);
        assertThat(schema).isEqualTo(mysql.path("environment").path("MYSQL_DATABASE").asString());

        List<String> volumes = new java.util.ArrayList<>();
        mysql.path("volumes").forEach(v -> volumes.add(v.asString()));
        String mount = volumes.stream().filter(v -> v.contains("/docker-entrypoint-initdb.d/")).findFirst().orElseThrow();
        String[] parts = mount.split(":");
        assertThat(parts[0]).isEqualTo("./" + DeploymentFiles.dir().relativize(DeploymentFiles.grants()));
        assertThat(parts[1]).endsWith(".sql");
        assertThat(parts[2]).isEqualTo("ro");

        String grants = java.nio.file.Files.readString(DeploymentFiles.grants());
        String user = "'" + env.get("SPRING_DATASOURCE_USERNAME") + "'@'%'";
        assertThat(grants).contains("REVOKE ALL PRIVILEGES ON `" + schema + "`.* FROM " + user + ";")
                .containsPattern("GRANT [A-Z, ]+ ON `" + schema + "`\\.\\* TO " + user + ";")
                .doesNotContainPattern("(?m)^GRANT[^;]*\\bALL\\b");
    }

    @Test
    void noDataStorePort_isPublishedBeyondLoopback_onlyNginxsFrontDoor() {
        for (String service : compose.serviceNames()) {
            compose.service(service).path("ports").forEach(port -> {
                if (service.equals("nginx")) {
                    assertThat(port.asString()).as("nginx, the front door").matches("\\d+:\\d+");
                } else {
                    assertThat(port.asString()).as(service + "'s published port").startsWith("127.0.0.1:");
                }
            });
        }
    }

    /** An exact release: major.minor.patch, with a build or variant suffix allowed (21.0.9_10-jre). */
    static final java.util.regex.Pattern EXACT = java.util.regex.Pattern.compile(
            "[a-z0-9./-]+:v?\\d+\\.\\d+\\.\\d+([._+-][A-Za-z0-9._-]+)?");

    @Test
    void everyImage_isPinnedToAnExactVersion_andTheJreRunsTheRelease() throws IOException {
        for (String service : compose.serviceNames()) {
            JsonNode image = compose.service(service).path("image");
            if (!image.isMissingNode()) {
                assertThat(image.asString()).as(service + "'s image").matches(EXACT);
            }
        }
        List<String> from = DeploymentFiles.dockerfile().instructions("FROM");
        assertThat(from).hasSize(1);
        String base = from.getFirst().strip();
        assertThat(base).matches(EXACT);
        assertThat(EXACT.matcher("redis:7").matches()).as("a major alone is refused").isFalse();
        assertThat(EXACT.matcher("mysql:8.4").matches()).as("a minor alone is refused").isFalse();
        assertThat(EXACT.matcher("nginx:latest").matches()).isFalse();

        String pom = java.nio.file.Files.readString(DeploymentFiles.dir().resolve("../pom.xml"));
        int release = Integer.parseInt(java.util.regex.Pattern.compile("<maven.compiler.release>(\\d+)<")
                .matcher(pom).results().findFirst().orElseThrow().group(1));
        int jre = Integer.parseInt(base.substring(base.indexOf(':') + 1).split("[.u_-]")[0]);
        assertThat(jre).as("the image's Java runs what the pom compiles for").isGreaterThanOrEqualTo(release);
    }

    @Test
    void startOrder_followsHealth() {
        Dockerfile image = DeploymentFiles.dockerfile();
        assertThat(image.healthCheck()).as("the image the instances run has a health check").isNotNull();
        for (String app : compose.appServices()) {
            JsonNode dependsOn = compose.service(app).path("depends_on");
            assertThat(dependsOn.propertyNames()).as(app + " waits for every service but the instances and nginx")
                    .containsExactlyInAnyOrderElementsOf(compose.serviceNames().stream()
                            .filter(s -> !compose.appServices().contains(s) && !s.equals("nginx")).toList());
        }
        assertThat(compose.service("nginx").path("depends_on").propertyNames())
                .containsExactlyInAnyOrderElementsOf(compose.appServices());

        Set<String> unhealthyWaits = new TreeSet<>();
        for (String service : compose.serviceNames()) {
            compose.service(service).path("depends_on").properties().forEach(dependency -> {
                String condition = dependency.getValue().path("condition").asString();
                if (!condition.equals("service_healthy")) {
                    unhealthyWaits.add(service + " -> " + dependency.getKey() + " (" + condition + ")");
                }
                // Compose refuses service_healthy on a service without a health check: the file's or its image's
                boolean checked = compose.service(dependency.getKey()).has("healthcheck")
                        || compose.appServices().contains(dependency.getKey());
                assertThat(checked).as(dependency.getKey() + " has a health check").isTrue();
            });
        }
        assertThat(unhealthyWaits).as("dependencies that do not wait for health").isEmpty();
    }

    @Test
    void nginx_balancesTheInstancesOnThePortTheImageListensOn() throws IOException {
        String conf = java.nio.file.Files.readString(DeploymentFiles.nginxConf());
        Set<String> upstreams = java.util.regex.Pattern.compile("\\bserver\\s+([A-Za-z0-9._-]+:\\d+)").matcher(conf)
                .results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
        String port = DeploymentFiles.dockerfile().environment().get("SERVER_PORT");
        assertThat(upstreams).isEqualTo(compose.appServices().stream().map(app -> app + ":" + port)
                .collect(Collectors.toCollection(TreeSet::new)));
        assertThat(compose.service("nginx").path("volumes").get(0).asString())
                .isEqualTo("./nginx.conf:/etc/nginx/nginx.conf:ro");
        String listen = java.util.regex.Pattern.compile("(?m)^\\s*listen\\s+(\\d+)\\s*;").matcher(conf).results()
                .map(m -> m.group(1)).findFirst().orElseThrow();
        assertThat(compose.service("nginx").path("ports").get(0).asString()).as("nginx's published port")
                .endsWith(":" + listen);
    }
}
