package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One page of a named JPQL query: its rows (offset and limit) and the count of all rows, as the core's
 * {@link Page}.
 */
public final class Pages {

    private Pages() {
    }

    /**
     * @param select the named query of the rows, in page order; {@code count} the named query of their count
     * @param bind   binds the parameters both queries share
     */
    public static <E, T> Page<T> page(EntityManager em, String select, String count, Class<E> type,
                                      Consumer<TypedQuery<?>> bind, PageQuery query, Function<E, T> mapper) {
        TypedQuery<E> rows = em.createNamedQuery(select, type);
        bind.accept(rows);
        rows.setFirstResult(Math.toIntExact(query.offset())).setMaxResults(query.size());
        TypedQuery<Long> total = em.createNamedQuery(count, Long.class);
        bind.accept(total);
        return new Page<>(rows.getResultList().stream().map(mapper).toList(), query.page(), query.size(),
                total.getSingleResult());
    }
}
