package com.ecommerce.systemtest;

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
                "ECOMMERCE_LOCK_REDIS_ADDRESSES", "ECOMMERCE_LOCK_ZOOKEEPER_CONNECT_STRING",
                "ECOMMERCE_LOCK_ETCD_ENDPOINTS", "ECOMMERCE_LOCK_HAZELCAST_MEMBERS", "ECOMMERCE_SECURITY_JWT_SECRET");
        // a database profile without a token source refuses to start; the file refuses first, and says why
        assertThat(env.get("ECOMMERCE_SECURITY_JWT_SECRET")).matches("\\$\\{JWT_SECRET:\\?.+}");
        assertThatThrownBy(() -> compose.interpolatedEnvironment("app-1", Map.of()))
                .hasMessageContaining("JWT_SECRET").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> compose.interpolatedEnvironment("app-1", Map.of("JWT_SECRET", "")))
                .as("an empty key is no key").hasMessageContaining("JWT_SECRET");
        Map<String, String> resolved = compose.interpolatedEnvironment("app-1",
                Map.of("JWT_SECRET", "k".repeat(32)));
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
