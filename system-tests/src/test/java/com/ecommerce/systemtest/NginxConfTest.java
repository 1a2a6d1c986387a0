package com.ecommerce.systemtest;

import com.ecommerce.systemtest.support.ComposeFile;
import com.ecommerce.systemtest.support.DeploymentFiles;
import com.ecommerce.systemtest.support.Nginx;
import com.ecommerce.systemtest.support.SystemEnv;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker/nginx.conf} checked by a real {@code nginx -t} (Debian's nginx), on the test copy that points the
 * upstream servers, named by their Compose service names, at loopback ports (see {@link Nginx}). nginx resolves the
 * addresses but connects to nothing here, so no instance is needed. A broken copy must fail the same check.
 */
class NginxConfTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

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

    static String conf() throws IOException {
        return Files.readString(DeploymentFiles.nginxConf());
    }

    @Test
    void hardening_noVersion_roomForLongTokens_aFloodGuardPerAddress() throws IOException {
        String conf = conf();
        assertThat(conf).containsPattern("(?m)^\\s*server_tokens off;");
        Matcher buffers = Pattern.compile("(?m)^\\s*large_client_header_buffers (\\d+) (\\d+)k;").matcher(conf);
        assertThat(buffers.find()).as("large_client_header_buffers").isTrue();
        assertThat(Integer.parseInt(buffers.group(2))).as("KB per header line, for a long bearer token")
                .isGreaterThanOrEqualTo(16);
        assertThat(conf).containsPattern("(?m)^\\s*limit_req_zone \\$binary_remote_addr zone=(\\w+):\\d+m rate=\\d+r/s;")
                .containsPattern("(?m)^\\s*limit_req_status 429;")
                .containsPattern("(?m)^\\s*limit_req zone=\\w+ burst=\\d+ nodelay;");
    }

    /** Each {@code error_page} status with the problem its named location returns. */
    static Map<Integer, JsonNode> problems(String conf) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Map<String, Integer> returned = new LinkedHashMap<>();
        Matcher location = Pattern.compile("(?s)location (@\\w+) \\{(.*?)\\n\\s*}").matcher(conf);
        while (location.find()) {
            Matcher ret = Pattern.compile("return (\\d{3}) '([^']*)';").matcher(location.group(2));
            if (ret.find()) {
                bodies.put(location.group(1), ret.group(2));
                returned.put(location.group(1), Integer.parseInt(ret.group(1)));
                assertThat(location.group(2)).as(location.group(1)).contains("default_type application/problem+json;");
                if (List.of(429, 503).contains(returned.get(location.group(1)))) {
                    assertThat(location.group(2)).as(location.group(1)).contains("add_header Retry-After 1 always;");
                }
            }
        }
        Map<Integer, JsonNode> problems = new TreeMap<>();
        Matcher errorPage = Pattern.compile("(?m)^\\s*error_page ([\\d ]+) (@\\w+);").matcher(conf);
        while (errorPage.find()) {
            for (String status : errorPage.group(1).strip().split(" +")) {
                assertThat(returned.get(errorPage.group(2))).as("the status " + status + " keeps")
                        .isEqualTo(Integer.parseInt(status));
                problems.put(Integer.parseInt(status), JSON.readTree(bodies.get(errorPage.group(2))));
            }
        }
        return problems;
    }

    @Test
    void nginxsOwnErrors_areProblemsWithCodesOfTheCatalogue() throws IOException {
        Map<Integer, JsonNode> problems = problems(conf());
        assertThat(problems).containsOnlyKeys(413, 429, 502, 503, 504);
        String api = Files.readString(DeploymentFiles.dir().resolve("../docs/api.md"));
        problems.forEach((status, problem) -> {
            String code = problem.path("code").asString();
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("type").asString())
                    .isEqualTo("urn:ecommerce:problem:" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            assertThat(problem.path("title").asString()).isNotBlank();
            assertThat(problem.path("detail").asString()).isNotBlank();
            assertThat(api).as(code + " in docs/api.md's catalogue").contains("| " + status + " | `" + code + "` |");
        });
        assertThat(problems.get(413).path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(problems.get(429).path("code").asString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void tlsTermination_isDescribed_withoutNeedingACertificateByDefault() throws IOException {
        String conf = conf();
        assertThat(conf).doesNotContainPattern("(?m)^\\s*listen [^;]*ssl")
                .containsPattern("(?m)^\\s*#\\s*listen \\d+ ssl;")
                .containsPattern("(?m)^\\s*#\\s*ssl_protocols TLSv1\\.2 TLSv1\\.3;")
                .containsPattern("(?m)^\\s*#\\s*add_header Strict-Transport-Security \"max-age=\\d+\" always;");
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
