package com.ecommerce.application.payment.port.in;

/**
 * Settles payments a talk with the gateway left open (an instance died mid-call, an answer never came): each is
 * claimed, looked up at the gateway and credited, declined or left {@code UNKNOWN} for the next round. Safe on any
 * number of instances at once: the claim lets one of them in.
 */
public interface ReconcilePaymentsUseCase {

    /** @return how many payments this round settled (credited, declined or cancelled) */
    int reconcile();
}
