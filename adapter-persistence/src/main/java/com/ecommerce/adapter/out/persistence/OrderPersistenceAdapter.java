package com.ecommerce.adapter.out.persistence;

import com.ecommerce.application.port.out.LoadOrderPort;
import com.ecommerce.application.port.out.SaveOrderPort;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;
import com.ecommerce.application.shared.Page;
import com.ecommerce.application.shared.PageQuery;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class OrderPersistenceAdapter implements LoadOrderPort, SaveOrderPort {

    private final OrderRepository orderRepository;

    OrderPersistenceAdapter(OrderRepository orderRepository) {
        this.orderRepository = orderRepository;
    }

    private static Order toDomain(OrderJpaEntity e) {
        return Order.reconstitute(e.getId(), e.getUserId(), e.getStatus(),
                e.getLines().stream().map(l -> new OrderLine(l.getItemId(), l.getUnitPrice(), l.getQuantity())).toList(),
                e.getCreatedAt());
    }

    @Override
    public Optional<Order> loadOrder(long orderId) {
        return orderRepository.findWithLinesById(orderId).map(OrderPersistenceAdapter::toDomain);
    }

    @Override
    public Page<Order> loadOrdersOfUser(long userId, PageQuery pageQuery) {
        return Pages.toPage(orderRepository.findByUserIdOrderByIdDesc(userId, Pages.request(pageQuery)),
                OrderPersistenceAdapter::toDomain);
    }

    @Override
    public Order saveNewOrder(Order order) {
        OrderJpaEntity saved = orderRepository.save(new OrderJpaEntity(order.userId(), order.status(),
                order.totalAmount(), order.createdAt(),
                order.lines().stream()
                        .map(l -> new OrderLineEmbeddable(l.itemId(), l.unitPrice(), l.quantity())).toList()));
        return order.withId(saved.getId());
    }
}
