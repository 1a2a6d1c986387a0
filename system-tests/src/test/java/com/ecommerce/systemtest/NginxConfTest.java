package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.ComposeFile;
import com.ecommerce.systemtest.support.DeploymentFiles;
import com.ecommerce.systemtest.support.Nginx;
import com.ecommerce.systemtest.support.SystemEnv;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/nginx.conf} checked by a real {@code nginx -t} (Debian's nginx), on the test copy that points the
 * upstream servers, named by their Compose service names, at loopback ports (see {@link Nginx}). nginx resolves the
 * addresses but connects to nothing here, so no instance is needed. A broken copy must fail the same check.
 */
class NginxConfTest {

    static Nginx.TestCopy copy(Path dir) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String app : ComposeFile.read().appServices()) {
            ports.put(app, SystemEnv.freePort());
        }
        return Nginx.testCopy(DeploymentFiles.nginxConf(), ports, SystemEnv.freePort(), dir);
    }

    @Test
    void nginxT_acceptsTheFile_withTheUpstreamNamesMadeResolvable() throws IOException {
        Nginx.TestCopy copy = copy(Files.createTempDirectory(SystemEnv.workDir(), "nginx-t-"));
        Nginx.Check check = Nginx.check(copy);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("syntax is ok").contains("test is successful");
        assertThat(copy.upstreams()).as("the upstream servers rewritten: the compose file's instances")
                .containsOnlyKeys("app-1:8080", "app-2:8080");
        assertThat(copy.listenWas()).isEqualTo(8080);
    }

    @Test
    void nginxT_refusesABrokenCopy() throws IOException {
        Path dir = Files.createTempDirectory(SystemEnv.workDir(), "nginx-t-broken-");
        Nginx.TestCopy copy = copy(dir);
        Path broken = dir.resolve("broken.conf");
        Files.writeString(broken, Files.readString(copy.conf()).replace("proxy_pass ", "proxy_pas "));
        Nginx.Check check = Nginx.check(broken, dir);
        assertThat(check.exitCode()).as(check.output()).isNotZero();
        assertThat(check.output()).contains("unknown directive \"proxy_pas\"");
    }

    @Test
    void theOriginal_failsNginxTHere_becauseComposeServiceNamesResolveOnlyOnComposesNetwork() throws IOException {
        // why the test copy exists: the file as it is cannot be checked outside Compose's network
        Path dir = Files.createTempDirectory(SystemEnv.workDir(), "nginx-t-original-");
        Nginx.Check check = Nginx.check(DeploymentFiles.nginxConf(), dir);
        assertThat(check.exitCode()).as(check.output()).isNotZero();
        assertThat(check.output()).contains("host not found in upstream");
    }
}
