package com.ecommerce.adapter.out.persistence;

import com.ecommerce.application.shared.Page;
import com.ecommerce.application.shared.PageQuery;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import java.util.function.Function;

/** Converts between the core's paging records and Spring Data's. */
final class Pages {

    private Pages() {
    }

    static PageRequest request(PageQuery query) {
        return PageRequest.of(query.page(), query.size());
    }

    static PageRequest request(PageQuery query, Sort sort) {
        return PageRequest.of(query.page(), query.size(), sort);
    }

    static <E, T> Page<T> toPage(org.springframework.data.domain.Page<E> page, Function<E, T> mapper) {
        return new Page<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements());
    }
}
