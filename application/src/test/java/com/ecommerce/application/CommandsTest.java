package com.ecommerce.application;

import com.ecommerce.application.order.port.in.PlaceOrderCommand;
import com.ecommerce.application.point.port.in.ChargePointCommand;
import com.ecommerce.application.idempotency.port.in.IdempotencyKey;
import com.ecommerce.application.stock.port.in.RegisterItemCommand;
import com.ecommerce.application.stock.port.in.RestockItemCommand;
import com.ecommerce.application.user.port.in.RegisterUserCommand;
import com.ecommerce.domain.shared.InvalidRequestException;
import com.ecommerce.application.paging.PageQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "ключ", "x;drop", "<script>"})
    void idempotencyKey_outsideItsAlphabet_isInvalid(String raw) {
        assertThatThrownBy(() -> new IdempotencyKey(raw)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void idempotencyKey_acceptsOneToSixtyFourCharacters() {
        assertThat(new IdempotencyKey("a").value()).isEqualTo("a");
        assertThat(new IdempotencyKey("A-z_0".repeat(12) + "abcd").value()).hasSize(64);
        assertThatThrownBy(() -> new IdempotencyKey("a".repeat(65))).isInstanceOf(InvalidRequestException.class);
        assertThat(IdempotencyKey.ofNullable(null)).isNull();
        assertThat(IdempotencyKey.ofNullable("order-1")).isEqualTo(new IdempotencyKey("order-1"));
        assertThatThrownBy(() -> IdempotencyKey.ofNullable("")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void charge_checksIdAndAmount() {
        assertThatThrownBy(() -> new ChargePointCommand(0, 1, null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new ChargePointCommand(1, 0, null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new ChargePointCommand(1, 1_000_001, null)).isInstanceOf(InvalidRequestException.class);
        assertThat(new ChargePointCommand(1, 1_000_000, null).fingerprint()).isEqualTo("amount=1000000");
    }

    @Test
    void placeOrder_checksItsLines() {
        assertThatThrownBy(() -> new PlaceOrderCommand(1, List.of(), null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new PlaceOrderCommand(1, null, null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new PlaceOrderCommand(1,
                List.of(new PlaceOrderCommand.Line(1, 1), new PlaceOrderCommand.Line(1, 1)), null))
                .isInstanceOf(InvalidRequestException.class);
        List<PlaceOrderCommand.Line> fiftyOne = LongStream.rangeClosed(1, 51)
                .mapToObj(id -> new PlaceOrderCommand.Line(id, 1)).toList();
        assertThatThrownBy(() -> new PlaceOrderCommand(1, fiftyOne, null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new PlaceOrderCommand.Line(1, 1_001)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new PlaceOrderCommand.Line(-1, 1)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void placeOrder_fingerprintKeepsLineOrder() {
        var ab = new PlaceOrderCommand(1, List.of(new PlaceOrderCommand.Line(1, 2), new PlaceOrderCommand.Line(3, 4)), null);
        var ba = new PlaceOrderCommand(1, List.of(new PlaceOrderCommand.Line(3, 4), new PlaceOrderCommand.Line(1, 2)), null);
        assertThat(ab.fingerprint()).isEqualTo("userId=1;lines=1x2,3x4").isNotEqualTo(ba.fingerprint());
    }

    @Test
    void registerCommands_trimAndCheck() {
        assertThat(new RegisterUserCommand(" kim ").name()).isEqualTo("kim");
        assertThatThrownBy(() -> new RegisterItemCommand("pen", -1, 0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new RegisterItemCommand("pen", 0, 1_000_001)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new RestockItemCommand(1, 0)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void pageQuery_checksPageAndSize() {
        assertThatThrownBy(() -> new PageQuery(-1, 20)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new PageQuery(0, 0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new PageQuery(0, 101)).isInstanceOf(InvalidRequestException.class);
        assertThat(new PageQuery(3, 100).offset()).isEqualTo(300);
    }
}
