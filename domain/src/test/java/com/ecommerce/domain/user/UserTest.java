package com.ecommerce.domain.user;

import com.ecommerce.domain.shared.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserTest {

    @Test
    void create_storesTheNameTrimmed() {
        assertThat(User.create("  kim \t").name()).isEqualTo("kim");
    }

    @Test
    void create_whenTheNameIsBlankMissingOrTooLong_isInvalid() {
        assertThatThrownBy(() -> User.create(null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> User.create(" \n ")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> User.create("k".repeat(101))).isInstanceOf(InvalidRequestException.class);
        assertThat(User.create(" " + "k".repeat(100) + " ").name()).hasSize(100);
    }

    @Test
    void reconstitute_keepsTheStoredIdAndName() {
        User user = User.reconstitute(12, "kim");
        assertThat(user.id()).isEqualTo(12L);
        assertThat(user.name()).isEqualTo("kim");
        assertThat(User.create("kim").id()).isNull();
    }
}
