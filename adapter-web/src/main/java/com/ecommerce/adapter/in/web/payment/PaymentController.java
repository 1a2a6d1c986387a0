package com.ecommerce.adapter.in.web.payment;

import com.ecommerce.adapter.in.web.openapi.OpenApiConfiguration;
import com.ecommerce.adapter.in.web.openapi.ProblemCodes;
import com.ecommerce.adapter.in.web.security.Access;
import com.ecommerce.adapter.in.web.security.CallableBy;
import com.ecommerce.adapter.in.web.shared.Locations;
import com.ecommerce.application.payment.port.in.ConfirmPaymentCommand;
import com.ecommerce.application.payment.port.in.ConfirmPaymentUseCase;
import com.ecommerce.application.payment.port.in.CreatePaymentCommand;
import com.ecommerce.application.payment.port.in.CreatePaymentUseCase;
import com.ecommerce.application.payment.port.in.GetPaymentUseCase;
import com.ecommerce.application.payment.port.in.PaymentView;
import com.ecommerce.domain.payment.Payment;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.shared.FieldViolation;
import com.ecommerce.domain.shared.InvalidRequestException;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * Points bought through the payment gateway: a payment is created, paid in the gateway's window, then confirmed here.
 * The path is checked before a use case runs, so a malformed id is {@code 400} before the caller's rights are judged.
 * Not bound by {@code ecommerce.points.self-charge}: paying is how a user adds points where a direct charge is an
 * administrator's.
 */
@RestController
@Tag(name = OpenApiConfiguration.PAYMENTS)
@RequestMapping(path = "/api/v1/users/{userId}/points/payments", produces = MediaType.APPLICATION_JSON_VALUE)
class PaymentController {

    static final String PAYMENT_PATH = "/api/v1/users/{userId}/points/payments/{paymentId}";
    static final String PAYMENT_ID_REASON = "must be 6 to 64 characters of A-Z, a-z, 0-9, '_' and '-'";

    private final CreatePaymentUseCase createPayment;
    private final ConfirmPaymentUseCase confirmPayment;
    private final GetPaymentUseCase getPayment;

    PaymentController(CreatePaymentUseCase createPayment, ConfirmPaymentUseCase confirmPayment,
                      GetPaymentUseCase getPayment) {
        this.createPayment = createPayment;
        this.confirmPayment = confirmPayment;
        this.getPayment = getPayment;
    }

    @Operation(operationId = "createPayment",
            summary = "Start a payment of points, to be paid in the payment gateway's window and then confirmed")
    @ProblemCodes({ErrorCode.USER_NOT_FOUND, ErrorCode.POINT_LIMIT_EXCEEDED, ErrorCode.COMMIT_OUTCOME_UNKNOWN,
            ErrorCode.PAYMENTS_DISABLED})
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @CallableBy(Access.SELF_OR_ADMIN)
    public ResponseEntity<PaymentCreatedResponse> create(Actor actor, @PathVariable long userId,
                                                         @Valid @RequestBody CreatePaymentRequest request) {
        requireWellFormed(userId, null);
        PaymentView payment = createPayment.create(actor, new CreatePaymentCommand(userId, request.amount()));
        return ResponseEntity.created(Locations.of(PAYMENT_PATH, payment.userId(), payment.paymentId()))
                .body(PaymentCreatedResponse.of(payment));
    }

    @Operation(operationId = "confirmPayment", summary = "Confirm a paid payment with the gateway and credit it, "
            + "once whatever the repeats")
    @ProblemCodes({ErrorCode.PAYMENT_NOT_FOUND, ErrorCode.PAYMENT_AMOUNT_MISMATCH, ErrorCode.PAYMENT_DECLINED,
            ErrorCode.POINT_LIMIT_EXCEEDED, ErrorCode.CONCURRENT_UPDATE, ErrorCode.LOCK_TIMEOUT,
            ErrorCode.LOCK_UNAVAILABLE, ErrorCode.COMMIT_OUTCOME_UNKNOWN, ErrorCode.PAYMENT_OUTCOME_UNKNOWN,
            ErrorCode.PAYMENTS_DISABLED})
    @PostMapping(path = "/{paymentId}/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    @CallableBy(Access.SELF_OR_ADMIN)
    public PaymentConfirmedResponse confirm(Actor actor, @PathVariable long userId, @PathVariable String paymentId,
                                            @Valid @RequestBody ConfirmPaymentRequest request) {
        requireWellFormed(userId, paymentId);
        return PaymentConfirmedResponse.of(confirmPayment.confirm(actor,
                new ConfirmPaymentCommand(userId, paymentId, request.paymentKey(), request.amount())));
    }

    @Operation(operationId = "getPayment", summary = "Read a payment")
    @ProblemCodes({ErrorCode.PAYMENT_NOT_FOUND, ErrorCode.PAYMENTS_DISABLED})
    @GetMapping("/{paymentId}")
    @CallableBy(Access.SELF_OR_ADMIN)
    public PaymentResponse get(Actor actor, @PathVariable long userId, @PathVariable String paymentId) {
        requireWellFormed(userId, paymentId);
        return PaymentResponse.of(getPayment.get(actor, userId, paymentId));
    }

    /** The path's ids, both judged so that one answer names every bad one; {@code paymentId} null where absent. */
    private static void requireWellFormed(long userId, String paymentId) {
        List<FieldViolation> violations = new ArrayList<>();
        if (userId <= 0) {
            violations.add(new FieldViolation("userId", "must be a positive id"));
        }
        if (paymentId != null && !Payment.ID_FORMAT.matcher(paymentId).matches()) {
            violations.add(new FieldViolation("paymentId", PAYMENT_ID_REASON));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }
}
