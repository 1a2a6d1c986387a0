package com.ecommerce.bootstrap.it;

import com.ecommerce.bootstrap.OrderServiceApplication;
import com.ecommerce.bootstrap.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command: the embedded default with no key configured makes a random one and logs demo tokens
 * (an admin, users 1-3) that work at once, and tokens signed with any other key do not.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultIT {

    private static final Pattern DEMO_TOKEN = Pattern.compile("^ {2}(admin|user \\d) *: (\\S+)$", Pattern.MULTILINE);

    @Test
    void withoutAKey_itMakesOneAndLogsDemoTokensThatWork(CapturedOutput output) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OrderServiceApplication.class).run(
                "--server.port=0", "--spring.datasource.url=jdbc:h2:mem:demo-tokens;MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                        + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1")) {
            Map<String, String> tokens = new HashMap<>();
            Matcher m = DEMO_TOKEN.matcher(output.getOut());
            while (m.find()) {
                tokens.put(m.group(1), "Bearer " + m.group(2));
            }
            assertThat(tokens).containsOnlyKeys("admin", "user 1", "user 2", "user 3");
            Api api = new Api("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));

            Api kim = api.withAuthorization(tokens.get("user 1"));
            assertThat(kim.get("/api/v1/users/1/points").json().path("balance").asLong()).isEqualTo(50_000);
            assertThat(kim.get("/api/v1/users/2/points").code()).isEqualTo("FORBIDDEN");
            assertThat(api.withAuthorization(tokens.get("user 3")).get("/api/v1/users/3").status()).isEqualTo(200);
            Api admin = api.withAuthorization(tokens.get("admin"));
            assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(200);
            assertThat(admin.get("/api/v1/users/2/points").status()).isEqualTo(200);

            assertThat(api.withAuthorization(null).get("/api/v1/users/1/points").code()).isEqualTo("UNAUTHENTICATED");
            // the test key (any key but the random one) is refused
            assertThat(api.get("/api/v1/users/1/points").code()).isEqualTo("UNAUTHENTICATED");
            assertThat(api.withAuthorization(null).get("/api/v1/items/1").status()).isEqualTo(200);
        }
    }
}
