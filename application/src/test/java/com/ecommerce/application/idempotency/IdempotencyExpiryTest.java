package com.ecommerce.application.idempotency;

import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.order.port.in.PlaceOrderCommand.Line;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.point.port.in.PointBalance;
import com.ecommerce.application.point.service.ChargePointService;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.application.idempotency.port.out.IdempotencyRecord;
import com.ecommerce.application.testing.InMemoryDatabase;
import com.ecommerce.application.testing.InMemoryIdempotencyRecords;
import com.ecommerce.application.testing.InMemoryStore;
import com.ecommerce.application.testing.MutableClock;
import com.ecommerce.application.testing.RecordingLockPort;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.application.testing.ServiceFixture;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import com.ecommerce.application.user.service.RegisterUserService;
import com.ecommerce.domain.order.Order;
import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.ecommerce.application.testing.ServiceFixture.ADMIN;
import static com.ecommerce.application.testing.ServiceFixture.NOW;
import static com.ecommerce.application.testing.ServiceFixture.NOW_STORED;
import static com.ecommerce.application.testing.ServiceFixture.RETENTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an idempotency record means over time, on a clock that moves only when told: within the retention a repeat
 * is replayed; past it the record counts as absent, whether or not the purge has deleted it yet, and the request is
 * processed afresh.
 */
class IdempotencyExpiryTest {

    private static final String CHARGE = "charge";

    private final ServiceFixture f = new ServiceFixture();
    private final IdempotencyKey key = new IdempotencyKey("charge-1");

    @Test
    void aRepeatJustWithinTheRetentionIsReplayedWithoutASecondEffect() {
        long userId = f.userWithBalance(0);
        PointBalance first = f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 500, key));

        f.clock.advance(RETENTION.minusSeconds(1));
        PointBalance repeat = f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 500, key));

        assertThat(repeat).isEqualTo(first);
        assertThat(f.balance(userId)).isEqualTo(500);
        assertThat(f.store.findRecord(CHARGE, userId, key.value())).map(IdempotencyRecord::createdAt)
                .contains(NOW_STORED);
    }

    @Test
    void aRepeatPastTheRetentionIsProcessedAfreshThoughItsRecordWasNeverPurged() {
        long userId = f.userWithBalance(0);
        f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 500, key));

        f.clock.advance(RETENTION.plusSeconds(1));
        PointBalance repeat = f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 500, key));

        assertThat(repeat).isEqualTo(new PointBalance(userId, 1_000));
        assertThat(f.balance(userId)).isEqualTo(1_000);
        assertThat(f.store.points.allHistory()).hasSize(2);
        // the key now belongs to the new request, and its retention starts again
        assertThat(f.store.findRecord(CHARGE, userId, key.value()))
                .map(r -> List.of(r.createdAt(), r.result()))
                .contains(List.of(NOW_STORED.plus(RETENTION).plusSeconds(1), 1_000L));
        f.clock.advance(RETENTION.minusSeconds(1));
        assertThat(f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 500, key))).isEqualTo(repeat);
        assertThat(f.balance(userId)).isEqualTo(1_000);
    }

    @Test
    void anotherRequestUnderAKeyIsRefusedWithinTheRetentionAndProcessedPastIt() {
        long userId = f.userWithBalance(0);
        f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 500, key));

        f.clock.advance(RETENTION.minusSeconds(1));
        assertThatThrownBy(() -> f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 300, key)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));

        f.clock.advance(Duration.ofSeconds(2));
        assertThat(f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 300, key)))
                .isEqualTo(new PointBalance(userId, 800));
    }

    @Test
    void anOrderRepeatedPastTheRetentionIsPlacedAgainAsANewOrder() {
        long userId = f.userWithBalance(10_000);
        long pen = f.item(1_000, 10);
        PlaceOrderCommand command = new PlaceOrderCommand(userId, List.of(new Line(pen, 2)),
                new IdempotencyKey("order-1"));
        Order first = f.placeOrder.placeOrder(ADMIN, command);

        f.clock.advance(RETENTION.plusSeconds(1));
        Order again = f.placeOrder.placeOrder(ADMIN, command);

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(f.store.orders.count()).isEqualTo(2);
        assertThat(f.stock(pen)).isEqualTo(6);
        assertThat(f.balance(userId)).isEqualTo(6_000);
    }

    @Test
    void aRequestWithoutAKeyLeavesNoRecordAndNeedsNoLookup() {
        long userId = f.userWithBalance(0);
        int records = f.store.idempotencyRecords.count();

        f.chargePoint.charge(ADMIN, new ChargePointCommand(userId, 500, null));

        assertThat(f.store.idempotencyRecords.count()).isEqualTo(records);
    }

    /**
     * Two repeats arrive after the retention: both see the expired record; the other one deletes it, claims the key
     * and commits first. This one's claim then meets the unique key, and it replays the winner instead of charging.
     */
    @Test
    void aRepeatThatLosesTheRaceForAnExpiredKeyReplaysTheRepeatThatWonIt() {
        MutableClock clock = new MutableClock(NOW);
        InMemoryDatabase database = new InMemoryDatabase();
        InMemoryStore store = new InMemoryStore(database);
        RacingRecords records = new RacingRecords(database);
        RegisterUserService register = new RegisterUserService(store, store, store);
        Idempotency idempotency = new Idempotency(records, store, new IdempotencyRetention(clock, RETENTION));
        ChargePointService charge = new ChargePointService(store, new GuardedUnitOfWork(new RecordingLockPort(store),
                store, idempotency, ServiceFixture.WAIT), clock, true);
        long userId = register.register(ADMIN, new RegisterUserCommand("kim")).userId();
        charge.charge(ADMIN, new ChargePointCommand(userId, 500, key));
        IdempotencyRecord first = store.findRecord(CHARGE, userId, key.value()).orElseThrow();

        clock.advance(RETENTION.plusSeconds(1));
        records.winnerAfterRemoval = new IdempotencyRecord(CHARGE, userId, key.value(), first.fingerprint(), 1_000L,
                Instant.now(clock));
        PointBalance answer = charge.charge(ADMIN, new ChargePointCommand(userId, 500, key));

        assertThat(answer).isEqualTo(new PointBalance(userId, 1_000));
        assertThat(store.findPoint(userId).orElseThrow().balance()).isEqualTo(500);
        assertThat(store.points.allHistory()).hasSize(1);
    }

    @Test
    void theRetentionMustBePositive() {
        Clock clock = new MutableClock(NOW);

        assertThat(new IdempotencyRetention(clock, Duration.ofSeconds(1)).retention()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new IdempotencyRetention(clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new IdempotencyRetention(clock, Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdempotencyRetention(clock, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCutoffIsTheRetentionBeforeNowAndARecordIsExpiredStrictlyBeforeIt() {
        MutableClock clock = new MutableClock(NOW);
        IdempotencyRetention retention = new IdempotencyRetention(clock, RETENTION);
        Instant cutoff = retention.cutoff();

        assertThat(cutoff).isEqualTo(NOW.minus(RETENTION));
        assertThat(IdempotencyRetention.isExpired(recordAt(cutoff.minusNanos(1)), cutoff)).isTrue();
        assertThat(IdempotencyRetention.isExpired(recordAt(cutoff), cutoff)).isFalse();
        assertThat(retention.claimTime()).isEqualTo(NOW_STORED);
    }

    private static IdempotencyRecord recordAt(Instant createdAt) {
        return new IdempotencyRecord(CHARGE, 1, "k", "f", 1L, createdAt);
    }

    /** Lets another repeat claim and commit the key right after this request deleted its expired record. */
    private static final class RacingRecords extends InMemoryIdempotencyRecords {
        IdempotencyRecord winnerAfterRemoval;

        RacingRecords(InMemoryDatabase database) {
            super(database);
        }

        @Override
        public boolean removeExpired(String scope, long userId, String key, Instant createdBefore) {
            boolean removed = super.removeExpired(scope, userId, key, createdBefore);
            if (winnerAfterRemoval != null) {
                addClaim(winnerAfterRemoval);
                updateResult(scope, userId, key, winnerAfterRemoval.result());
            }
            return removed;
        }
    }
}
