package com.ecommerce.domain.point;

/** Which way points moved. */
public enum PointTransactionType {
    CHARGE,
    USE
}
