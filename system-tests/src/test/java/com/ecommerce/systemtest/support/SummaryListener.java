package com.ecommerce.systemtest.support;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Prints the summary table once every system test has run, and writes it to target/system-tests/summary.md. */
public class SummaryListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (Summary.isEmpty()) {
            return;
        }
        System.out.println("\n[system-tests] summary\n" + Summary.table());
        Summary.write();
    }
}
