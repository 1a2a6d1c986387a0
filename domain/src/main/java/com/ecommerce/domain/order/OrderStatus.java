package com.ecommerce.domain.order;

/** An order is stored only once it is paid: placing it is one atomic step. */
public enum OrderStatus {
    PAID
}
