package com.ecommerce.adapter.in.web;

import com.ecommerce.adapter.in.web.problem.ContainerErrorReportValve;
import com.ecommerce.adapter.in.web.limits.CallerLimitFilter;
import com.ecommerce.adapter.in.web.limits.CallerLimits;
import com.ecommerce.adapter.in.web.limits.CallerLimitsProperties;
import com.ecommerce.adapter.in.web.problem.RequestSizeLimitFilter;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallerLimitsProperties.class)
public class WebConfiguration {

    /**
     * Strict JSON: an unknown or duplicated field, a trailing token, a float or a string where a whole number is
     * expected, a number where a name is expected are all 400, never silently truncated or coerced ("1.9" must not
     * become 1 won).
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    /**
     * Requests Tomcat refuses itself (headers too large, a malformed request line) get problems, not HTML: our error
     * report valve goes on the host, and any other (Boot adds its own from a customizer that may run after this one)
     * is removed once the context has started, when every customizer has run.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            host.getPipeline().addValve(new ContainerErrorReportValve());
            context.addLifecycleListener(event -> {
                if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
                    Pipeline pipeline = host.getPipeline();
                    for (Valve valve : pipeline.getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ContainerErrorReportValve)) {
                            pipeline.removeValve(valve);
                        }
                    }
                }
            });
        });
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(JsonMapper jsonMapper) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(jsonMapper));
        // after Spring Security's filter chain and the callers' limits: 401 and 429 come before 413
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 2);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    CallerLimits callerLimits(CallerLimitsProperties properties) {
        return new CallerLimits(properties);
    }

    /** Limits per caller on {@code /api/v1} (not the actuator, not the OpenAPI document), unless turned off. */
    @Bean
    FilterRegistrationBean<CallerLimitFilter> callerLimitFilter(CallerLimits limits, CallerLimitsProperties properties,
                                                                JsonMapper jsonMapper) {
        FilterRegistrationBean<CallerLimitFilter> registration =
                new FilterRegistrationBean<>(new CallerLimitFilter(limits, jsonMapper));
        // right after Spring Security's filter chain: 401 comes before 429 in the contract's precedence
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        registration.addUrlPatterns("/api/v1/*");
        registration.setEnabled(properties.enabled());
        return registration;
    }
}
