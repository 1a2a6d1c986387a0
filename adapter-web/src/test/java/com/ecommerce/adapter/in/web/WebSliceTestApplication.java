package com.ecommerce.adapter.in.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * Stands in for the application class, which lives in bootstrap: {@code @WebMvcTest} finds it by walking up the
 * packages. It scans the web adapter as the application does, through the slice's filter (controllers, the
 * advice), imports the adapter's configuration (strict JSON, the body size filter) and answers every use case
 * with {@link FakeUseCases}.
 */
@SpringBootConfiguration
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@Import(WebConfiguration.class)
class WebSliceTestApplication {

    @Bean
    FakeUseCases fakeUseCases() {
        return new FakeUseCases();
    }
}
