package com.ecommerce.adapter.in.web.order;

import com.ecommerce.adapter.in.web.security.Access;
import com.ecommerce.adapter.in.web.security.CallableBy;
import com.ecommerce.domain.user.Actor;
import com.ecommerce.adapter.in.web.shared.IdempotencyKeyHeader;
import com.ecommerce.adapter.in.web.shared.Locations;
import com.ecommerce.application.order.port.in.GetOrderUseCase;
import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.order.port.in.PlaceOrderUseCase;
import com.ecommerce.application.shared.port.in.IdempotencyKey;
import com.ecommerce.domain.order.Order;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    private final PlaceOrderUseCase placeOrder;
    private final GetOrderUseCase getOrder;

    OrderController(PlaceOrderUseCase placeOrder, GetOrderUseCase getOrder) {
        this.placeOrder = placeOrder;
        this.getOrder = getOrder;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @CallableBy(Access.SELF_OR_ADMIN)
    public ResponseEntity<OrderResponse> place(Actor actor, @Valid @RequestBody PlaceOrderRequest request,
            @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey) {
        PlaceOrderCommand command = new PlaceOrderCommand(request.userId(),
                request.lines().stream().map(l -> new PlaceOrderCommand.Line(l.itemId(), l.quantity())).toList(),
                IdempotencyKey.ofNullable(idempotencyKey));
        Order order = placeOrder.placeOrder(actor, command);
        return ResponseEntity.created(Locations.of("/api/v1/orders/{id}", order.id())).body(OrderResponse.of(order));
    }

    @GetMapping("/{orderId}")
    @CallableBy(Access.BUYER_OR_ADMIN)
    public OrderResponse get(Actor actor, @PathVariable long orderId) {
        return OrderResponse.of(getOrder.getOrder(actor, orderId));
    }
}
