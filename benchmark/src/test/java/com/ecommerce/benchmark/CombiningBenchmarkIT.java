package com.ecommerce.benchmark;

import com.ecommerce.benchmark.combining.Arm;
import com.ecommerce.benchmark.combining.FlashSaleExperiment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the flash-sale experiment ({@link FlashSaleExperiment}) in the mode the build asks for (quick in
 * {@code ./mvnw verify}: {@code jvm} and {@code db}, one short block; full from {@code benchmark/run.sh --combining}),
 * then fails if an arm's database check failed, if combining switched off still counted batches, or if combining
 * switched on placed 64 buyers of one item in batches of one only.
 */
class CombiningBenchmarkIT {

    @Test
    void hotItemWithCombiningOnAndOff_againstTheCeiling() throws Exception {
        List<Arm> arms = FlashSaleExperiment.fromSystemProperties().run();

        assertThat(arms).allSatisfy(arm -> assertThat(arm.problems()).as(arm.strategy() + " / " + arm.name())
                .isEmpty());
        assertThat(arms).filteredOn(arm -> !arm.combining())
                .as("with combining off, every order is a batch of one: the switch switches")
                .allSatisfy(arm -> assertThat(arm.batchOrders()).as(arm.strategy()).isPositive()
                        .isEqualTo(arm.batchCount()));
        assertThat(arms).filteredOn(arm -> arm.combining() && arm.instances() == 1)
                .as("with combining on, 64 buyers of one item are placed in batches of more than one")
                .allSatisfy(arm -> assertThat(arm.batchOrders()).as(arm.strategy()).isGreaterThan(arm.batchCount()));
    }
}
