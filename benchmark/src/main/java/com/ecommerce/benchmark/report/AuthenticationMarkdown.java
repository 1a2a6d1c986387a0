package com.ecommerce.benchmark.report;

import com.ecommerce.benchmark.scenario.Scenario;

import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.ecommerce.benchmark.report.Format.micros;
import static com.ecommerce.benchmark.report.Format.ms;
import static com.ecommerce.benchmark.report.Format.oneDecimal;
import static com.ecommerce.benchmark.report.Format.percent;
import static com.ecommerce.benchmark.report.Format.times;

/**
 * The section "Cost of authentication" of {@code results.md}: each strategy's A/B of {@code info} and
 * {@code info-authenticated}, the decode timer's figures per run, and the verdict against
 * {@link Report#AUTHENTICATION_BUDGET} (none without a JIT warm-up).
 */
final class AuthenticationMarkdown {

    private final List<AuthenticationAb> authentication;
    private final List<Run> runs;
    private final boolean withoutWarmup;

    AuthenticationMarkdown(List<AuthenticationAb> authentication, List<Run> runs, boolean withoutWarmup) {
        this.authentication = authentication;
        this.runs = runs;
        this.withoutWarmup = withoutWarmup;
    }

    String section() {
        StringBuilder md = new StringBuilder();
        md.append("\n## Cost of authentication\n\n");
        md.append("Every request of the benchmark carries the token its sender would have, minted before the load "
                + "from the key the instances are started with: a buyer's order and charge the buyer's own, the mixed "
                + "scenario's browsing its user's, `/actuator/prometheus` the administrator's; `info` and `item-read` "
                + "send none. Two measures, both from this run.\n\n");
        md.append("**A/B on the plainest request** (one instance, after the strategy's runs): `GET /actuator/info` "
                + "without a token (A) and with a valid user token (B); the route is public, but a token that comes is "
                + "verified. The two are measured in alternating short windows, ABBA blocks (settings below), so that "
                + "the JIT still compiling does not favour whichever comes second. The difference of service CPU per "
                + "request is what authentication (the filter and the decoder) adds to a request; blocks: the range "
                + "of the blocks' own differences. Decode: the service's timer in the `info-authenticated` run, wall "
                + "time per token and its CPU estimate (below).\n\n");
        md.append("| strategy | info CPU µs/ok | info-authenticated CPU µs/ok | difference µs/request | blocks µs | "
                + "info-authenticated x info | decode µs, wall | decode µs, CPU est. |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (AuthenticationAb ab : authentication) {
            md.append("| ").append(ab.strategy()).append(" | ").append(micros(ab.infoCpuMsPerOk())).append(" | ")
                    .append(micros(ab.infoAuthenticatedCpuMsPerOk())).append(" | ")
                    .append(micros(ab.authenticationMsPerRequest())).append(" | ")
                    .append(micros(ab.blockDifferenceMinMs())).append(" to ")
                    .append(micros(ab.blockDifferenceMaxMs())).append(" | ")
                    .append(times(ab.infoAuthenticatedOverInfo())).append(" | ")
                    .append(oneDecimal(ab.decodeMicrosOnInfoAuthenticated())).append(" | ")
                    .append(oneDecimal(ab.decodeCpuMicrosOnInfoAuthenticated())).append(" |\n");
        }
        md.append("\n**Per run, from the decode timer** (`ecommerce_security_jwt_decode_seconds`, read just before "
                + "and just after the measured period). Wall µs: Δsum / Δcount, wall time per token verified "
                + "(signature and claims). On CPU: of the time the service's threads were runnable in the period, the "
                + "share they spent on a core (`/proc/<pid>/task/*/schedstat`); on two shared cores the rest is "
                + "waiting for one, and a verification, pure computation, waits in the same proportion. CPU est. µs: "
                + "wall µs x on CPU. Decodes/request: the timer's count besides the scrapes' own over the requests "
                + "measured (near 1: the reads straddle the period's edges), counting each HTTP call of a request "
                + "(a payment's creation and its confirms: 2 in `payment`, 9 in `payment-repeat`). Shares: one "
                + "verification per call, per successful request, over the service's CPU ms per successful request; "
                + "by the wall time (an "
                + "upper bound), by the CPU estimate, and with the strategy's A/B difference in place of the "
                + "verification. Runs whose requests carry tokens only.\n\n");
        md.append("| scenario | instances | strategy | CPU ms/ok | decode µs, wall | on CPU | decode µs, CPU est. | "
                + "decodes/request | share, wall | share, CPU est. | share, A/B |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            Authentication a = r.authentication();
            if (!a.tokenPerRequest()) {
                continue;
            }
            md.append("| ").append(r.scenario()).append(" | ").append(r.instances()).append(" | ")
                    .append(r.strategy()).append(" | ").append(ms(r.serviceCpuMsPerOk())).append(" | ")
                    .append(a.decodeMicrosMean() == null ? "**not read**" : oneDecimal(a.decodeMicrosMean()))
                    .append(" | ").append(percent(a.onCpuShare())).append(" | ")
                    .append(oneDecimal(a.decodeCpuMicros())).append(" | ")
                    .append(a.decodesPerRequest() == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", a.decodesPerRequest())).append(" | ")
                    .append(percent(a.decodeShareOfCpu())).append(" | ")
                    .append(percent(a.decodeCpuShareOfCpu())).append(" | ")
                    .append(percent(a.abShareOfCpu())).append(" |\n");
        }
        List<Run> api = runs.stream()
                .filter(r -> r.authentication().tokenPerRequest() && !Scenario.isRead(r.scenario())).toList();
        DoubleSummaryStatistics wall = shares(api, Authentication::decodeShareOfCpu);
        DoubleSummaryStatistics cpu = shares(api, Authentication::decodeCpuShareOfCpu);
        DoubleSummaryStatistics ab = shares(api, Authentication::abShareOfCpu);
        if (cpu.getCount() == 0 || ab.getCount() == 0) {
            md.append("\nThe figures of the API scenarios could not all be read: no verdict.\n");
            return md.toString();
        }
        md.append(String.format(Locale.ROOT, "%n- API scenarios (%s), all runs: authentication takes %s of the "
                        + "service's CPU per successful request by the timer's CPU estimate, %s by the A/B "
                        + "difference (%s by the timer's wall time, an upper bound). Budget: %.0f %%.",
                api.stream().map(Run::scenario).distinct().collect(Collectors.joining(", ")), range(cpu), range(ab),
                range(wall), 100 * Report.AUTHENTICATION_BUDGET));
        boolean within = cpu.getMax() <= Report.AUTHENTICATION_BUDGET && ab.getMax() <= Report.AUTHENTICATION_BUDGET;
        md.append(withoutWarmup
                ? " No verdict: without a JIT warm-up these figures are of a cold service (quick mode checks that "
                + "they can be read, not what they are).\n"
                : within ? " **Within the budget by both measures.**\n"
                : " **Over the budget in at least one run by at least one measure.**\n");
        return md.toString();
    }

    private static DoubleSummaryStatistics shares(List<Run> runs, Function<Authentication, Double> f) {
        return runs.stream().map(r -> f.apply(r.authentication())).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).summaryStatistics();
    }

    private static String range(DoubleSummaryStatistics s) {
        return String.format(Locale.ROOT, "%.1f %% to %.1f %%", 100 * s.getMin(), 100 * s.getMax());
    }
}
