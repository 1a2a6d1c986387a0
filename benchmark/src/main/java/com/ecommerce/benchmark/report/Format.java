package com.ecommerce.benchmark.report;

import java.util.Locale;
import java.util.Map;

/** How the reports write a figure: one place, so that every table writes the same figure alike. */
final class Format {

    private Format() {
    }

    static String outcomes(Map<String, Long> outcomes) {
        return outcomes.isEmpty() ? "-" : outcomes.toString().replace("{", "").replace("}", "").replace("=", " ");
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.0f", v);
    }

    static String micros(Double ms) {
        return ms == null ? "-" : String.format(Locale.ROOT, "%.0f", 1000 * ms);
    }

    static String percent(Double share) {
        return share == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    static String times(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, v < 10 ? "x%.2f" : "x%.0f", v);
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String oneDecimal(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
