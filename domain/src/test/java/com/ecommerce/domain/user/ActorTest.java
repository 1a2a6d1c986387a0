package com.ecommerce.domain.user;

import com.ecommerce.domain.shared.DomainException;
import com.ecommerce.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorTest {

    @Test
    void aUser_actsForThemselfOnly() {
        Actor actor = Actor.user(7);
        assertThat(actor.mayActFor(7)).isTrue();
        assertThat(actor.mayActFor(8)).isFalse();
        assertThatNoException().isThrownBy(() -> actor.requireActsFor(7));
        assertThatThrownBy(() -> actor.requireActsFor(8)).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void anAdmin_actsForAnyone() {
        Actor admin = Actor.admin(0);
        assertThat(admin.mayActFor(1)).isTrue();
        assertThat(admin.mayActFor(Long.MAX_VALUE)).isTrue();
        assertThatNoException().isThrownBy(admin::requireAdmin);
    }

    @Test
    void requireAdmin_whenAUser_isForbidden() {
        assertThatThrownBy(() -> Actor.user(1).requireAdmin()).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void aNegativeId_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Actor.user(-1));
    }
}
