package com.ecommerce.bootstrap.config;

import com.ecommerce.adapter.out.payment.PaymentGatewayHttpAdapter;
import com.ecommerce.adapter.out.payment.PaymentGatewayProperties;
import com.ecommerce.application.payment.port.in.ReconcilePaymentsUseCase;
import com.ecommerce.application.payment.port.out.GatewayTimings;
import com.ecommerce.application.payment.port.out.PaymentGatewayPort;
import com.ecommerce.application.payment.port.out.PaymentStorePort;
import com.ecommerce.application.payment.service.ConfirmPaymentService;
import com.ecommerce.application.payment.service.CreatePaymentService;
import com.ecommerce.application.payment.service.GetPaymentService;
import com.ecommerce.application.payment.service.PaymentSettlement;
import com.ecommerce.application.payment.service.PaymentsDisabledService;
import com.ecommerce.application.payment.service.ReconcilePaymentsService;
import com.ecommerce.application.point.port.out.PointStorePort;
import com.ecommerce.application.shared.port.out.TransactionPort;
import com.ecommerce.application.unitofwork.GuardedUnitOfWork;
import com.ecommerce.adapter.out.lock.support.LockProperties;
import com.ecommerce.pgsimulator.PaymentGatewaySimulator;
import com.ecommerce.pgsimulator.Settings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;
import java.time.Duration;

/**
 * Payments through a gateway. Which gateway, decided at start and logged:
 * <ul>
 *   <li>{@code ecommerce.payment.gateway.base-url} set: that gateway, over HTTP;</li>
 *   <li>unset on the embedded default (no database profile): the payment gateway simulator, in this process, on a
 *       free local port, so the API's payments work out of the box;</li>
 *   <li>unset with a database profile: none; the payment endpoints answer {@code 503 PAYMENTS_DISABLED}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProperties.class)
public class PaymentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentConfiguration.class);

    /** The simulator's key: it is a stand-in with no money behind it, so a fixed, public key is no secret. */
    static final String SIMULATOR_SECRET_KEY = "test_sk_embedded_simulator";

    /** A gateway configured by its base URL. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(GatewayConfigured.class)
    static class ConfiguredGateway {

        @Bean
        PaymentGatewayHttpAdapter paymentGateway(PaymentProperties properties, MeterRegistry registry) {
            PaymentProperties.Gateway gateway = properties.gateway();
            log.info("Payments: gateway at {}, idempotency keys {}", gateway.baseUrl(),
                    gateway.idempotencyKeys() ? "sent" : "not sent");
            return new PaymentGatewayHttpAdapter(adapterProperties(gateway, gateway.baseUrl().toString(),
                    gateway.secretKey()), registry);
        }
    }

    /** The embedded default without a gateway: the simulator in this process. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(EmbeddedSimulator.class)
    static class SimulatedGateway {

        @Bean(destroyMethod = "close")
        PaymentGatewaySimulator paymentGatewaySimulator() {
            PaymentGatewaySimulator simulator = PaymentGatewaySimulator.start(new Settings(
                    0, SIMULATOR_SECRET_KEY, Duration.ofMillis(100), Duration.ofMillis(300)));
            log.info("Payments: no gateway configured (ecommerce.payment.gateway.base-url); the payment gateway "
                    + "simulator runs in this process at {} and approves every payment", simulator.baseUrl());
            return simulator;
        }

        @Bean
        PaymentGatewayHttpAdapter paymentGateway(PaymentGatewaySimulator simulator, PaymentProperties properties,
                                                 MeterRegistry registry) {
            return new PaymentGatewayHttpAdapter(adapterProperties(properties.gateway(),
                    simulator.baseUrl().toString(), SIMULATOR_SECRET_KEY), registry);
        }
    }

    private static PaymentGatewayProperties adapterProperties(PaymentProperties.Gateway gateway, String baseUrl,
                                                              String secretKey) {
        return new PaymentGatewayProperties(java.net.URI.create(baseUrl), secretKey, gateway.connectTimeout(),
                gateway.readTimeout(), gateway.idempotencyKeys());
    }

    @Bean
    GatewayTimings gatewayTimings(PaymentProperties properties) {
        return new GatewayTimings(properties.gateway().connectTimeout(), properties.gateway().readTimeout());
    }

    /** A gateway, configured or simulated: the payment use cases and, unless turned off, the reconciler. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(HasGateway.class)
    static class Payments {

        @Bean
        CreatePaymentService createPaymentService(PaymentStorePort payments, PointStorePort points, TransactionPort tx,
                                                  Clock clock) {
            return new CreatePaymentService(payments, points, tx, clock);
        }

        @Bean
        PaymentSettlement paymentSettlement(PaymentGatewayPort gateway, PaymentStorePort payments,
                                            PointStorePort points, GuardedUnitOfWork unitOfWork,
                                            GatewayTimings timings, Clock clock) {
            return new PaymentSettlement(payments, points, gateway, unitOfWork, timings, clock);
        }

        @Bean
        ConfirmPaymentService confirmPaymentService(PaymentSettlement settlement, PaymentStorePort payments,
                                                    TransactionPort tx, LockProperties lockProperties, Clock clock) {
            return new ConfirmPaymentService(payments, tx, settlement, lockProperties.waitTimeout(), clock);
        }

        @Bean
        GetPaymentService getPaymentService(PaymentStorePort payments, TransactionPort tx) {
            return new GetPaymentService(payments, tx);
        }

        @Bean
        ReconcilePaymentsService reconcilePaymentsService(PaymentSettlement settlement, PaymentStorePort payments,
                                                          TransactionPort tx, Clock clock) {
            return new ReconcilePaymentsService(payments, tx, settlement, clock);
        }
    }

    /** The reconciler's schedule, unless {@code ecommerce.payment.reconcile.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(HasGateway.class)
    @ConditionalOnBooleanProperty(name = "ecommerce.payment.reconcile.enabled", matchIfMissing = true)
    @EnableScheduling
    static class Reconciler {

        @Bean
        PaymentReconcileJob paymentReconcileJob(ReconcilePaymentsUseCase reconcile, PaymentProperties properties,
                                                MeterRegistry registry) {
            return new PaymentReconcileJob(reconcile, properties.reconcile().interval(),
                    Counter.builder("ecommerce.payment.reconciled")
                            .description("payments the reconciler settled (credited, declined or cancelled)")
                            .register(registry));
        }
    }

    /** No gateway: every payment endpoint says payments are off. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(NoGateway.class)
    static class PaymentsOff {

        @Bean
        PaymentsDisabledService paymentsDisabledService() {
            log.warn("Payments are off: no payment gateway is configured (set ecommerce.payment.gateway.base-url and "
                    + "ecommerce.payment.gateway.secret-key); the payment endpoints answer 503 PAYMENTS_DISABLED");
            return new PaymentsDisabledService();
        }
    }

    /** One reconcile round; a failure is logged and the next round tries again. */
    static final class PaymentReconcileJob implements Runnable, SchedulingConfigurer {

        private final ReconcilePaymentsUseCase reconcile;
        private final Duration interval;
        private final Counter reconciled;

        PaymentReconcileJob(ReconcilePaymentsUseCase reconcile, Duration interval, Counter reconciled) {
            this.reconcile = reconcile;
            this.interval = interval;
            this.reconciled = reconciled;
        }

        @Override
        public void configureTasks(ScheduledTaskRegistrar registrar) {
            registrar.addFixedDelayTask(new FixedDelayTask(this, interval, interval));
        }

        @Override
        public void run() {
            try {
                int settled = reconcile.reconcile();
                if (settled > 0) {
                    reconciled.increment(settled);
                    log.info("Reconciled {} payments with the gateway", settled);
                }
            } catch (RuntimeException e) {
                log.warn("Reconciling payments failed, next round in {}: {}", interval, e.toString());
            }
        }
    }

    /** {@code ecommerce.payment.gateway.base-url} is set. */
    static final class GatewayConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("ecommerce.payment.gateway.base-url");
            return url != null && !url.isBlank();
        }
    }

    /** No gateway is configured, on the embedded default ({@link EmbeddedDatabase}). */
    static final class EmbeddedSimulator implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new GatewayConfigured().matches(context, metadata)
                    && EmbeddedDatabase.in(context.getEnvironment());
        }
    }

    /** A gateway, configured or simulated. */
    static final class HasGateway implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return new GatewayConfigured().matches(context, metadata) || new EmbeddedSimulator().matches(context, metadata);
        }
    }

    static final class NoGateway implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new HasGateway().matches(context, metadata);
        }
    }
}
