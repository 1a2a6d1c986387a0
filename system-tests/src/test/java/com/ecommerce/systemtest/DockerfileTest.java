package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.DeploymentFiles;
import com.ecommerce.systemtest.support.Dockerfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@link Dockerfile} reads the instructions {@code HealthCheckIT} and the compose tests take from the image. */
class DockerfileTest {

    @Test
    void theExecForm_runsItsShellScriptUnderTheShellGiven() {
        Dockerfile file = Dockerfile.parse("""
                FROM eclipse-temurin:21-jre
                HEALTHCHECK --interval=10s --timeout=3s --retries=12 \\
                  CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET / HTTP/1.0\\\\r\\\\n\\\\r\\\\n' >&3"]
                """);
        Dockerfile.HealthCheck check = file.healthCheck();
        assertThat(check.options()).containsEntry("interval", "10s").containsEntry("retries", "12");
        assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(check.under("/bin/dash")).containsExactly("/bin/dash", "-c",
                "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3");
    }

    @Test
    void theShellForm_isHandedToTheShellWhole_continuationsAndCommentsAsDockerReadsThem() {
        Dockerfile file = Dockerfile.parse("""
                # a comment
                healthcheck --timeout=1m30s \\
                # a comment inside the continuation is dropped
                  CMD curl -f "http://127.0.0.1:${SERVER_PORT}/x" \\
                      || exit 1
                """);
        Dockerfile.HealthCheck check = file.healthCheck();
        assertThat(check.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(check.under("bash")).containsExactly("bash", "-c",
                "curl -f \"http://127.0.0.1:${SERVER_PORT}/x\"       || exit 1");
    }

    @Test
    void anExecFormWithoutAShell_runsAsItIs_andNoneOrTwoChecksAreRefused() {
        assertThat(Dockerfile.parse("HEALTHCHECK CMD [\"curl\", \"-f\", \"http://x\"]").healthCheck().under("dash"))
                .containsExactly("curl", "-f", "http://x");
        assertThatThrownBy(() -> Dockerfile.parse("HEALTHCHECK NONE").healthCheck())
                .hasMessageContaining("without a CMD");
        assertThatThrownBy(() -> Dockerfile.parse("HEALTHCHECK CMD true\nHEALTHCHECK CMD false").healthCheck())
                .hasMessageContaining("found 2");
    }

    @Test
    void environment_bothForms() {
        assertThat(Dockerfile.parse("""
                ENV A=1 B="two words" C=3
                ENV OLD value with spaces
                """).environment()).containsExactly(java.util.Map.entry("A", "1"), java.util.Map.entry("B", "two words"),
                java.util.Map.entry("C", "3"), java.util.Map.entry("OLD", "value with spaces"));
    }

    @Test
    void theRepositorysDockerfile_hasAShellFormCheckOnTheServicePort() {
        Dockerfile dockerfile = DeploymentFiles.dockerfile();
        assertThat(dockerfile.healthCheck().script()).as("shell form: Docker runs it with the image's /bin/sh")
                .isNotNull().contains("${SERVER_PORT");
        assertThat(dockerfile.environment()).containsEntry("SERVER_PORT", "8080");
        // eclipse-temurin's Ubuntu-based JRE (dash as /bin/sh, curl installed), pinned to a release
        assertThat(dockerfile.instructions("FROM")).singleElement().asString().matches("eclipse-temurin:21\\.[0-9._]+-jre");
    }
}
