package com.ecommerce.adapter.in.web;

import com.ecommerce.domain.user.Actor;
import com.ecommerce.application.order.port.in.GetOrderUseCase;
import com.ecommerce.application.order.port.in.ListUserOrdersUseCase;
import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.order.port.in.PlaceOrderUseCase;
import com.ecommerce.application.payment.port.in.ConfirmPaymentCommand;
import com.ecommerce.application.payment.port.in.ConfirmPaymentUseCase;
import com.ecommerce.application.payment.port.in.CreatePaymentCommand;
import com.ecommerce.application.payment.port.in.CreatePaymentUseCase;
import com.ecommerce.application.payment.port.in.GetPaymentUseCase;
import com.ecommerce.application.payment.port.in.PaymentView;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.point.port.in.ChargePointUseCase;
import com.ecommerce.application.point.port.in.GetPointBalanceUseCase;
import com.ecommerce.application.point.port.in.GetPointHistoryUseCase;
import com.ecommerce.application.point.port.in.PointBalance;
import com.ecommerce.application.paging.Page;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.stock.port.in.GetItemUseCase;
import com.ecommerce.application.stock.port.in.ItemView;
import com.ecommerce.application.stock.port.in.ListItemsUseCase;
import com.ecommerce.application.stock.port.in.RegisterItemCommand;
import com.ecommerce.application.stock.port.in.RegisterItemUseCase;
import com.ecommerce.application.stock.port.in.RestockItemCommand;
import com.ecommerce.application.stock.port.in.RestockItemUseCase;
import com.ecommerce.application.stock.port.in.StockLevel;
import com.ecommerce.application.user.port.in.GetUserUseCase;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import com.ecommerce.application.user.port.in.RegisterUserUseCase;
import com.ecommerce.application.user.port.in.UserView;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;
import com.ecommerce.domain.order.OrderStatus;
import com.ecommerce.domain.payment.PaymentStatus;
import com.ecommerce.domain.point.PointHistory;
import com.ecommerce.domain.point.PointTransactionType;
import com.ecommerce.domain.point.Points;

import java.time.Instant;
import java.util.List;

/**
 * Every in-port the controllers call, answering fixed values derived from what it was asked. A test may make the
 * next call throw instead ({@link #failNextCallWith}) and may read what the controller asked ({@link #lastRequest}),
 * the command or page query it built. One instance serves the cached context of all slice tests, so each test
 * starts with {@link #reset}. The payment use cases judge the actor first, as their services do, so that a slice
 * test sees the contract's order of {@code 400} before {@code 403}.
 */
public class FakeUseCases implements RegisterUserUseCase, GetUserUseCase, GetPointBalanceUseCase, ChargePointUseCase,
        GetPointHistoryUseCase, RegisterItemUseCase, GetItemUseCase, ListItemsUseCase, RestockItemUseCase,
        PlaceOrderUseCase, GetOrderUseCase, ListUserOrdersUseCase, CreatePaymentUseCase, ConfirmPaymentUseCase,
        GetPaymentUseCase {

    /** The id of every payment the fake creates, and of the payment the point history's charge credited. */
    public static final String PAYMENT_ID = "pay_3q2-Xk9ZbVt0aLwE1cYr";
    /** A payment id that {@link #get} answers as {@code DONE}; any other it answers as {@code DECLINED}. */
    public static final String DONE_PAYMENT_ID = "pay_done_0001";
    public static final String PG_CODE = "REJECT_CARD_COMPANY";

    private static final Instant CREATED_AT = Instant.parse("2025-06-01T09:31:00Z");
    private static final Instant APPROVED_AT = Instant.parse("2025-06-01T09:32:00Z");
    private static final long NEW_USER_ID = 1;
    private static final long NEW_ITEM_ID = 3;
    private static final long NEW_ORDER_ID = 7;
    private static final long BALANCE = 1_000;
    private static final long UNIT_PRICE = 1_500;

    private RuntimeException failure;
    private Object lastRequest;
    private Actor lastActor;

    public void reset() {
        failure = null;
        lastRequest = null;
        lastActor = null;
    }

    public void failNextCallWith(RuntimeException e) {
        failure = e;
    }

    /** What the last call was asked (its command or page query), or null when no use case was called. */
    public Object lastRequest() {
        return lastRequest;
    }

    /** Who the last call acted as, or null when no use case was called (or it takes no actor). */
    public Actor lastActor() {
        return lastActor;
    }

    private void called(Actor actor, Object request) {
        lastActor = actor;
        called(request);
    }

    private void called(Object request) {
        lastRequest = request;
        RuntimeException e = failure;
        failure = null;
        if (e != null) {
            throw e;
        }
    }

    @Override
    public UserView register(Actor actor, RegisterUserCommand command) {
        called(actor, command);
        return new UserView(NEW_USER_ID, command.name(), 0);
    }

    @Override
    public UserView getUser(Actor actor, long userId) {
        called(actor, userId);
        return new UserView(userId, "kim", BALANCE);
    }

    @Override
    public PointBalance getBalance(Actor actor, long userId) {
        called(actor, userId);
        return new PointBalance(userId, BALANCE);
    }

    @Override
    public PointBalance charge(Actor actor, ChargePointCommand command) {
        called(actor, command);
        return new PointBalance(command.userId(), BALANCE + command.amount());
    }

    @Override
    public Page<PointHistory> getHistory(Actor actor, long userId, PageQuery pageQuery) {
        called(actor, pageQuery);
        return new Page<>(List.of(new PointHistory(5L, userId, PointTransactionType.CHARGE, Points.of(BALANCE),
                Points.of(BALANCE), null, PAYMENT_ID, CREATED_AT)), pageQuery.page(), pageQuery.size(), 1);
    }

    @Override
    public ItemView register(Actor actor, RegisterItemCommand command) {
        called(actor, command);
        return new ItemView(NEW_ITEM_ID, command.name(), command.price(), command.stock());
    }

    @Override
    public ItemView getItem(long itemId) {
        called(itemId);
        return new ItemView(itemId, "pen", UNIT_PRICE, 10);
    }

    @Override
    public Page<ItemView> listItems(PageQuery pageQuery) {
        called(pageQuery);
        return new Page<>(List.of(new ItemView(NEW_ITEM_ID, "pen", UNIT_PRICE, 10)), pageQuery.page(),
                pageQuery.size(), 1);
    }

    @Override
    public StockLevel restock(Actor actor, RestockItemCommand command) {
        called(actor, command);
        return new StockLevel(command.itemId(), 10 + command.quantity());
    }

    @Override
    public Order placeOrder(Actor actor, PlaceOrderCommand command) {
        called(actor, command);
        return Order.reconstitute(NEW_ORDER_ID, command.userId(), OrderStatus.PAID, command.lines().stream()
                .map(l -> new OrderLine(l.itemId(), UNIT_PRICE, l.quantity())).toList(), CREATED_AT);
    }

    @Override
    public Order getOrder(Actor actor, long orderId) {
        called(actor, orderId);
        return Order.reconstitute(orderId, NEW_USER_ID, OrderStatus.PAID, List.of(new OrderLine(1, UNIT_PRICE, 2)),
                CREATED_AT);
    }

    @Override
    public Page<Order> listOrders(Actor actor, long userId, PageQuery pageQuery) {
        called(actor, pageQuery);
        return new Page<>(List.of(Order.reconstitute(NEW_ORDER_ID, userId, OrderStatus.PAID,
                List.of(new OrderLine(1, UNIT_PRICE, 2)), CREATED_AT)), pageQuery.page(), pageQuery.size(), 1);
    }

    @Override
    public PaymentView create(Actor actor, CreatePaymentCommand command) {
        called(actor, command);
        actor.requireActsFor(command.userId());
        return new PaymentView(PAYMENT_ID, command.userId(), command.amount(), PaymentStatus.READY, null, null, null,
                CREATED_AT);
    }

    @Override
    public PaymentView confirm(Actor actor, ConfirmPaymentCommand command) {
        called(actor, command);
        actor.requireActsFor(command.userId());
        return new PaymentView(command.paymentId(), command.userId(), command.amount(), PaymentStatus.DONE,
                BALANCE + command.amount(), APPROVED_AT, null, CREATED_AT);
    }

    @Override
    public PaymentView get(Actor actor, long userId, String paymentId) {
        called(actor, paymentId);
        actor.requireActsFor(userId);
        return paymentId.equals(DONE_PAYMENT_ID)
                ? new PaymentView(paymentId, userId, BALANCE, PaymentStatus.DONE, 2 * BALANCE, APPROVED_AT, null,
                        CREATED_AT)
                : new PaymentView(paymentId, userId, BALANCE, PaymentStatus.DECLINED, null, null, PG_CODE, CREATED_AT);
    }
}
