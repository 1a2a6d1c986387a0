package com.ecommerce.adapter.in.web;

import com.ecommerce.adapter.in.web.Responses.OrderResponse;
import com.ecommerce.adapter.in.web.Responses.PageResponse;
import com.ecommerce.adapter.in.web.Responses.PointBalanceResponse;
import com.ecommerce.adapter.in.web.Responses.PointHistoryResponse;
import com.ecommerce.adapter.in.web.Responses.UserResponse;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.point.port.in.ChargePointUseCase;
import com.ecommerce.application.point.port.in.GetPointBalanceUseCase;
import com.ecommerce.application.point.port.in.GetPointHistoryUseCase;
import com.ecommerce.application.user.port.in.GetUserUseCase;
import com.ecommerce.application.shared.port.in.IdempotencyKey;
import com.ecommerce.application.order.port.in.ListUserOrdersUseCase;
import com.ecommerce.application.point.port.in.PointBalance;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import com.ecommerce.application.user.port.in.RegisterUserUseCase;
import com.ecommerce.application.user.port.in.UserView;
import com.ecommerce.application.shared.PageQuery;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RegisterUserUseCase registerUser;
    private final GetUserUseCase getUser;
    private final GetPointBalanceUseCase getBalance;
    private final ChargePointUseCase chargePoint;
    private final GetPointHistoryUseCase getHistory;
    private final ListUserOrdersUseCase listOrders;

    UserController(RegisterUserUseCase registerUser, GetUserUseCase getUser, GetPointBalanceUseCase getBalance,
                   ChargePointUseCase chargePoint, GetPointHistoryUseCase getHistory, ListUserOrdersUseCase listOrders) {
        this.registerUser = registerUser;
        this.getUser = getUser;
        this.getBalance = getBalance;
        this.chargePoint = chargePoint;
        this.getHistory = getHistory;
        this.listOrders = listOrders;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<UserResponse> register(@Valid @RequestBody RegisterUserRequest request) {
        UserView user = registerUser.register(new RegisterUserCommand(request.name()));
        return ResponseEntity.created(Locations.of("/api/v1/users/{id}", user.userId())).body(UserResponse.of(user));
    }

    /** An extension of API.md: the resource that the Location of a new user names. */
    @GetMapping("/{userId}")
    public UserResponse get(@PathVariable long userId) {
        return UserResponse.of(getUser.getUser(userId));
    }

    @GetMapping("/{userId}/points")
    public PointBalanceResponse balance(@PathVariable long userId) {
        PointBalance balance = getBalance.getBalance(userId);
        return new PointBalanceResponse(balance.userId(), balance.balance());
    }

    @PostMapping(path = "/{userId}/points/charge", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PointBalanceResponse charge(@PathVariable long userId, @Valid @RequestBody ChargePointRequest request,
                                       @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        PointBalance balance = chargePoint.charge(
                new ChargePointCommand(userId, request.amount(), IdempotencyKey.ofNullable(idempotencyKey)));
        return new PointBalanceResponse(balance.userId(), balance.balance());
    }

    @GetMapping("/{userId}/points/history")
    public PageResponse<PointHistoryResponse> history(@PathVariable long userId,
                                                      @RequestParam(defaultValue = "0") int page,
                                                      @RequestParam(defaultValue = "20") int size) {
        return PageResponse.of(getHistory.getHistory(userId, new PageQuery(page, size)), PointHistoryResponse::of);
    }

    @GetMapping("/{userId}/orders")
    public PageResponse<OrderResponse> orders(@PathVariable long userId,
                                              @RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "20") int size) {
        return PageResponse.of(listOrders.listOrders(userId, new PageQuery(page, size)), OrderResponse::of);
    }
}
