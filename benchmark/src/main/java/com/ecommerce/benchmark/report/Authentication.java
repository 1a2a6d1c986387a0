package com.ecommerce.benchmark.report;

/**
 * What verifying the bearer tokens cost in one run, from the service's timer {@code ecommerce.security.jwt.decode}
 * (signature and claims), read just before and just after the measured period. {@code tokenPerRequest}: every
 * request of the scenario carried a token (none did otherwise); {@code decodesByLoad}: decodes the timer counted
 * besides the scrapes' own; {@code decodeMicrosMean}: wall time per decode ({@code sum / count});
 * {@code decodesPerRequest}: the timer's count over the measured HTTP calls (a payment scenario's request makes
 * several), a cross-check that should be near 1 (the scrapes straddle the edges of the period, so it is not exact);
 * {@code decodeMsPerOk}: one decode per call, per successful request, in wall time; {@code decodeShareOfCpu}: that over the service's CPU ms per
 * successful request, an upper bound (wall time includes waiting for a core); {@code onCpuShare}: of the time the
 * service's threads were runnable in the period, the share they spent on a CPU (scheduler statistics);
 * {@code decodeCpuMicros} and {@code decodeCpuShareOfCpu}: the wall figures times that share, the estimate of the
 * CPU a verification takes; {@code abShareOfCpu}: the share with the strategy's A/B figure (info-authenticated
 * minus info, CPU per request: filter and decoder) in place of the decode time.
 */
public record Authentication(boolean tokenPerRequest, double decodesByLoad, Double decodeMicrosMean,
                             Double decodesPerRequest, Double decodeMsPerOk, Double decodeShareOfCpu, Double onCpuShare,
                             Double decodeCpuMicros, Double decodeCpuShareOfCpu, Double abShareOfCpu) {

    /** No figure of the decode timer (the scenario sends no token, or the timer could not be read). */
    public static Authentication none(double decodesByLoad, Double onCpuShare) {
        return new Authentication(false, decodesByLoad, null, null, null, null, onCpuShare, null, null, null);
    }

    public Authentication asAuthenticated() {
        return new Authentication(true, decodesByLoad, decodeMicrosMean, decodesPerRequest, decodeMsPerOk,
                decodeShareOfCpu, onCpuShare, decodeCpuMicros, decodeCpuShareOfCpu, abShareOfCpu);
    }

    public Authentication withAbShareOfCpu(Double share) {
        return new Authentication(tokenPerRequest, decodesByLoad, decodeMicrosMean, decodesPerRequest,
                decodeMsPerOk, decodeShareOfCpu, onCpuShare, decodeCpuMicros, decodeCpuShareOfCpu, share);
    }
}
