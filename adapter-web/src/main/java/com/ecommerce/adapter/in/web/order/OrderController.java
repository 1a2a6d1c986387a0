package com.ecommerce.adapter.in.web.order;

import com.ecommerce.adapter.in.web.openapi.OpenApiConfiguration;
import com.ecommerce.adapter.in.web.openapi.ProblemCodes;
import com.ecommerce.adapter.in.web.security.Access;
import com.ecommerce.adapter.in.web.security.CallableBy;
import com.ecommerce.adapter.in.web.shared.IdempotencyKeyHeader;
import com.ecommerce.adapter.in.web.shared.Locations;
import com.ecommerce.application.order.port.in.GetOrderUseCase;
import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.order.port.in.PlaceOrderUseCase;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.user.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = OpenApiConfiguration.ORDERS)
@RequestMapping(path = "/api/v1/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    private final PlaceOrderUseCase placeOrder;
    private final GetOrderUseCase getOrder;

    OrderController(PlaceOrderUseCase placeOrder, GetOrderUseCase getOrder) {
        this.placeOrder = placeOrder;
        this.getOrder = getOrder;
    }

    @Operation(operationId = "placeOrder",
            summary = "Place an order: take the stock and pay with points, all or nothing")
    @ProblemCodes({ErrorCode.USER_NOT_FOUND, ErrorCode.ITEM_NOT_FOUND, ErrorCode.OUT_OF_STOCK,
            ErrorCode.INSUFFICIENT_POINTS, ErrorCode.CONCURRENT_UPDATE, ErrorCode.LOCK_TIMEOUT,
            ErrorCode.LOCK_UNAVAILABLE,
            ErrorCode.COMMIT_OUTCOME_UNKNOWN})
    @ResponseStatus(HttpStatus.CREATED)
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

    @Operation(operationId = "getOrder", summary = "Read an order")
    @ProblemCodes({ErrorCode.ORDER_NOT_FOUND})
    @GetMapping("/{orderId}")
    @CallableBy(Access.BUYER_OR_ADMIN)
    public OrderResponse get(Actor actor, @PathVariable long orderId) {
        return OrderResponse.of(getOrder.getOrder(actor, orderId));
    }
}
