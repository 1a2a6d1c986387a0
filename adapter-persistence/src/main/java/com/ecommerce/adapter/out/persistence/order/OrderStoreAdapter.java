package com.ecommerce.adapter.out.persistence.order;

import com.ecommerce.adapter.out.persistence.shared.Pages;
import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;
import jakarta.persistence.EntityManager;

import java.util.Optional;

/** Orders ({@code orders}) and their lines ({@code order_line}) with JPA. */
public class OrderStoreAdapter implements OrderStorePort {

    /** Lines are fetched in batches ({@code hibernate.default_batch_fetch_size}), not one query per order. */

    private final EntityManager em;

    public OrderStoreAdapter(EntityManager em) {
        this.em = em;
    }

    private static Order toDomain(OrderJpaEntity e) {
        return Order.reconstitute(e.getId(), e.getUserId(), e.getStatus(),
                e.getLines().stream()
                        .map(l -> new OrderLine(l.getItemId(), l.getUnitPrice(), l.getQuantity())).toList(),
                e.getCreatedAt());
    }

    @Override
    public Optional<Order> findOrder(long orderId) {
        return em.createNamedQuery(OrderJpaEntity.FIND_BY_ID_WITH_LINES, OrderJpaEntity.class)
                .setParameter("id", orderId).getResultList().stream().findFirst().map(OrderStoreAdapter::toDomain);
    }

    @Override
    public Page<Order> findOrdersOfUser(long userId, PageQuery pageQuery) {
        return Pages.page(em, OrderJpaEntity.FIND_BY_USER, OrderJpaEntity.COUNT_BY_USER, OrderJpaEntity.class,
                q -> q.setParameter("userId", userId),
                pageQuery, OrderStoreAdapter::toDomain);
    }

    @Override
    public Order addOrder(Order order) {
        OrderJpaEntity entity = new OrderJpaEntity(order.userId(), order.status(), order.totalAmount(),
                order.createdAt(), order.lines().stream()
                        .map(l -> new OrderLineEmbeddable(l.itemId(), l.unitPrice(), l.quantity())).toList());
        em.persist(entity);
        return order.withId(entity.getId());
    }
}
