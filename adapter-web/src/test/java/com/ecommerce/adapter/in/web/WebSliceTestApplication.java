package com.ecommerce.adapter.in.web;

import com.ecommerce.adapter.in.web.security.HmacJwtDecoder;
import com.ecommerce.adapter.in.web.security.SecurityConfiguration;
import com.ecommerce.adapter.in.web.testing.TestTokens;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Stands in for the application class, which lives in bootstrap: {@code @WebMvcTest} finds it by walking up the
 * packages. It scans the web adapter as the application does, through the slice's filter (controllers, the
 * advice), imports the adapter's configuration (strict JSON, the body size filter, the security filter chain),
 * decodes tokens signed with {@link TestTokens#SECRET} as bootstrap would with that secret, and answers every use
 * case with {@link FakeUseCases}. Every request carries an administrator's token unless the test sets its own.
 */
@SpringBootConfiguration
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@Import({WebConfiguration.class, SecurityConfiguration.class})
class WebSliceTestApplication {

    @Bean
    FakeUseCases fakeUseCases() {
        return new FakeUseCases();
    }

    @Bean
    JwtDecoder jwtDecoder(OAuth2TokenValidator<Jwt> jwtClaimRules) {
        return HmacJwtDecoder.create(TestTokens.SECRET, jwtClaimRules);
    }

    @Bean
    MockMvcBuilderCustomizer adminTokenByDefault() {
        String admin = TestTokens.bearer(TestTokens.standard().admin());
        return builder -> builder.defaultRequest(get("/").header(HttpHeaders.AUTHORIZATION, admin));
    }
}
