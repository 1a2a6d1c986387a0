package com.ecommerce.adapter.in.web.point;

import com.ecommerce.adapter.in.web.openapi.OpenApiConfiguration;
import com.ecommerce.adapter.in.web.openapi.ProblemCodes;
import com.ecommerce.adapter.in.web.security.Access;
import com.ecommerce.adapter.in.web.security.CallableBy;
import com.ecommerce.adapter.in.web.shared.IdempotencyKeyHeader;
import com.ecommerce.adapter.in.web.shared.PageResponse;
import com.ecommerce.adapter.in.web.shared.Paging;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.point.port.in.ChargePointUseCase;
import com.ecommerce.application.point.port.in.GetPointBalanceUseCase;
import com.ecommerce.application.point.port.in.GetPointHistoryUseCase;
import com.ecommerce.application.point.port.in.PointBalance;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.user.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = OpenApiConfiguration.POINTS)
@RequestMapping(path = "/api/v1/users/{userId}/points", produces = MediaType.APPLICATION_JSON_VALUE)
class PointController {

    private final GetPointBalanceUseCase getBalance;
    private final ChargePointUseCase chargePoint;
    private final GetPointHistoryUseCase getHistory;

    PointController(GetPointBalanceUseCase getBalance, ChargePointUseCase chargePoint,
                    GetPointHistoryUseCase getHistory) {
        this.getBalance = getBalance;
        this.chargePoint = chargePoint;
        this.getHistory = getHistory;
    }

    @Operation(operationId = "getPointBalance", summary = "Read a user's point balance")
    @ProblemCodes({ErrorCode.USER_NOT_FOUND})
    @GetMapping
    @CallableBy(Access.SELF_OR_ADMIN)
    public PointBalanceResponse balance(Actor actor, @PathVariable long userId) {
        return PointBalanceResponse.of(getBalance.getBalance(actor, userId));
    }

    @Operation(operationId = "chargePoints", summary = "Charge points to a user's balance",
            description = "The back office's direct credit. The user themself may call it only while the service's "
                    + "`ecommerce.points.self-charge` is on (off by default with a database); otherwise a user's own "
                    + "charge is `403 FORBIDDEN` and points are added through a payment.")
    @ProblemCodes({ErrorCode.USER_NOT_FOUND, ErrorCode.POINT_LIMIT_EXCEEDED, ErrorCode.CONCURRENT_UPDATE,
            ErrorCode.LOCK_TIMEOUT, ErrorCode.LOCK_UNAVAILABLE,
            ErrorCode.COMMIT_OUTCOME_UNKNOWN})
    @PostMapping(path = "/charge", consumes = MediaType.APPLICATION_JSON_VALUE)
    @CallableBy(Access.SELF_OR_ADMIN)
    public PointBalanceResponse charge(Actor actor, @PathVariable long userId,
                                       @Valid @RequestBody ChargePointRequest request,
                                       @RequestHeader(name = IdempotencyKeyHeader.NAME, required = false)
                                       String idempotencyKey) {
        PointBalance balance = chargePoint.charge(actor,
                new ChargePointCommand(userId, request.amount(), IdempotencyKey.ofNullable(idempotencyKey)));
        return PointBalanceResponse.of(balance);
    }

    @Operation(operationId = "getPointHistory", summary = "Read a user's point history, newest first")
    @ProblemCodes({ErrorCode.USER_NOT_FOUND})
    @GetMapping("/history")
    @CallableBy(Access.SELF_OR_ADMIN)
    public PageResponse<PointHistoryResponse> history(Actor actor, @PathVariable long userId,
                                                      @RequestParam(defaultValue = Paging.PAGE_DEFAULT) int page,
                                                      @RequestParam(defaultValue = Paging.SIZE_DEFAULT) int size) {
        return PageResponse.of(getHistory.getHistory(actor, userId, new PageQuery(page, size)),
                PointHistoryResponse::of);
    }
}
