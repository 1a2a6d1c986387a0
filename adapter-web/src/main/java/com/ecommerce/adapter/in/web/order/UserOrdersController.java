package com.ecommerce.adapter.in.web.order;

import com.ecommerce.adapter.in.web.openapi.OpenApiConfiguration;
import com.ecommerce.adapter.in.web.openapi.ProblemCodes;
import com.ecommerce.adapter.in.web.security.Access;
import com.ecommerce.adapter.in.web.security.CallableBy;
import com.ecommerce.adapter.in.web.shared.PageResponse;
import com.ecommerce.adapter.in.web.shared.Paging;
import com.ecommerce.application.order.port.in.ListUserOrdersUseCase;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.user.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's orders: under the user's path, but a query of the order aggregate. */
@RestController
@Tag(name = OpenApiConfiguration.ORDERS)
@RequestMapping(path = "/api/v1/users/{userId}/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class UserOrdersController {

    private final ListUserOrdersUseCase listOrders;

    UserOrdersController(ListUserOrdersUseCase listOrders) {
        this.listOrders = listOrders;
    }

    @Operation(operationId = "listUserOrders", summary = "List a user's orders, newest first")
    @ProblemCodes({ErrorCode.USER_NOT_FOUND})
    @GetMapping
    @CallableBy(Access.SELF_OR_ADMIN)
    public PageResponse<OrderResponse> orders(Actor actor, @PathVariable long userId,
                                              @RequestParam(defaultValue = Paging.PAGE_DEFAULT) int page,
                                              @RequestParam(defaultValue = Paging.SIZE_DEFAULT) int size) {
        return PageResponse.of(listOrders.listOrders(actor, userId, new PageQuery(page, size)), OrderResponse::of);
    }
}
