package com.ecommerce.adapter.out.persistence.shared;

import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One page of a named JPQL query: the count of all rows, then the page's rows (offset and limit), as the core's
 * {@link Page}. A page that starts at or past the count is empty without a second query: its offset ({@code page x
 * size}, up to 2^31 x 100) may not fit the {@code int} JPA takes, and there is nothing there to read.
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
        TypedQuery<Long> counted = em.createNamedQuery(count, Long.class);
        bind.accept(counted);
        return page(em, select, counted.getSingleResult(), type, bind, query, mapper);
    }

    /** As above, with the count known already (a cached count of a table that only grows). */
    public static <E, T> Page<T> page(EntityManager em, String select, long total, Class<E> type,
                                      Consumer<TypedQuery<?>> bind, PageQuery query, Function<E, T> mapper) {
        if (query.offset() >= total) {
            return new Page<>(List.of(), query.page(), query.size(), total);
        }
        TypedQuery<E> rows = em.createNamedQuery(select, type);
        bind.accept(rows);
        // below the count, so below 2^31 rows as long as a table holds fewer
        rows.setFirstResult(Math.toIntExact(query.offset())).setMaxResults(query.size());
        return new Page<>(rows.getResultList().stream().map(mapper).toList(), query.page(), query.size(), total);
    }
}
