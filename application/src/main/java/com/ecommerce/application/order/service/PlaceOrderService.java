package com.ecommerce.application.order.service;

import com.ecommerce.application.idempotency.Admission;
import com.ecommerce.application.idempotency.Idempotency;
import com.ecommerce.application.idempotency.IdempotentRequest;
import com.ecommerce.application.idempotency.port.out.IdempotencyKeyTakenException;
import com.ecommerce.application.order.combining.Combiner;
import com.ecommerce.application.order.combining.OrderWriter;
import com.ecommerce.application.order.combining.PendingOrder;
import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.order.port.in.PlaceOrderUseCase;
import com.ecommerce.application.order.port.out.OrderStorePort;
import com.ecommerce.application.shared.NotFound;
import com.ecommerce.application.stock.port.out.ItemStorePort;
import com.ecommerce.application.user.port.out.UserStorePort;
import com.ecommerce.domain.lock.Deadline;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.order.OrderLine;
import com.ecommerce.domain.stock.Item;
import com.ecommerce.domain.user.Actor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Places an order in one atomic step. Before any lock: who may act, the idempotency replay check, the buyer (404)
 * and the items with their prices (404), which never change. Then the order joins this instance's queue for its
 * items ({@link Combiner}): orders for the same items that arrive while one batch holds the locks are placed
 * together by the next one to lead, up to the configured batch size per transaction, each with its own answer
 * ({@link OrderWriter}, which locks, checks with the domain's {@code OrderPlacement} and writes). An order alone
 * is a batch of one; with order combining off every batch is.
 */
public class PlaceOrderService implements PlaceOrderUseCase {

    static final String IDEMPOTENCY_SCOPE = "order";

    private final UserStorePort users;
    private final ItemStorePort items;
    private final OrderStorePort orders;
    private final Idempotency idempotency;
    private final Combiner<List<Long>, PendingOrder, Order> combiner;
    private final Duration lockWait;

    /**
     * @param combiner the queue of orders per item set, whose batches an {@link OrderWriter} places
     * @param lockWait how long an order may wait for its turn and its locks ({@code ecommerce.lock.wait-timeout})
     */
    public PlaceOrderService(UserStorePort users, ItemStorePort items, OrderStorePort orders, Idempotency idempotency,
                             Combiner<List<Long>, PendingOrder, Order> combiner, Duration lockWait) {
        this.users = users;
        this.items = items;
        this.orders = orders;
        this.idempotency = idempotency;
        this.combiner = combiner;
        this.lockWait = lockWait;
    }

    @Override
    public Order placeOrder(Actor actor, PlaceOrderCommand command) {
        long userId = command.userId();
        // before the replay check: a key is the buyer's, and nobody else may read its remembered answer
        actor.requireActsFor(userId);
        Admission<Order> admission = idempotency.admit(new IdempotentRequest<>(IDEMPOTENCY_SCOPE, userId,
                command.idempotencyKey(), command.fingerprint(), Order::id,
                orderId -> orders.findOrder(orderId).orElseThrow(() -> NotFound.order(orderId))));
        if (admission.isReplay()) {
            return admission.replayed();
        }
        PendingOrder pending = new PendingOrder(userId, priced(command), admission);
        try {
            return combiner.submit(pending.itemIds(), pending, Deadline.after(lockWait));
        } catch (IdempotencyKeyTakenException taken) {
            return admission.answerTaken(taken);
        }
    }

    /**
     * What does not change is settled before any lock is taken: the buyer exists (users are never deleted) and the
     * items exist with their prices (names and prices never change). The user is checked first: an unknown user wins
     * over unknown items. The stores serve these reads from their caches.
     */
    private List<OrderLine> priced(PlaceOrderCommand command) {
        if (!users.existsUser(command.userId())) {
            throw NotFound.user(command.userId());
        }
        List<Long> itemIds = command.itemIds();
        Map<Long, Item> found = items.findItems(itemIds).stream()
                .collect(Collectors.toMap(Item::id, Function.identity()));
        List<Long> unknown = itemIds.stream().filter(id -> !found.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw NotFound.items(unknown);
        }
        return command.lines().stream()
                .map(line -> new OrderLine(line.itemId(), found.get(line.itemId()).price(), line.quantity()))
                .toList();
    }
}
