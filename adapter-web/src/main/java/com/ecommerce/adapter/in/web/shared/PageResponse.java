package com.ecommerce.adapter.in.web.shared;

import com.ecommerce.application.paging.Page;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a list endpoint; {@code page} and {@code size} echo the request. */
@Schema(description = "One page of a list; `page` and `size` echo the request")
public record PageResponse<T>(List<T> content, int page, int size, long totalElements) {

    public static <S, T> PageResponse<T> of(Page<S> page, Function<S, T> mapper) {
        return new PageResponse<>(page.content().stream().map(mapper).toList(), page.page(), page.size(),
                page.totalElements());
    }
}
