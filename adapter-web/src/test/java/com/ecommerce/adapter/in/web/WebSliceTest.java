package com.ecommerce.adapter.in.web;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A {@code @WebMvcTest} of the whole web adapter (every controller, the advice, strict JSON, the body size filter)
 * over {@link FakeUseCases}. All subclasses share one cached context.
 */
@WebMvcTest
public abstract class WebSliceTest {

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected FakeUseCases useCases;

    @BeforeEach
    void startWithAnswers() {
        useCases.reset();
    }
}
