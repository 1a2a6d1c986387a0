package com.ecommerce.benchmark.report;

import java.util.List;

/**
 * A strategy's A/B of authentication on the plainest request, on one instance after its runs:
 * {@code GET /actuator/info} without a token (A) and with a valid user token (B; a public route still verifies a
 * token that comes), in {@code blocks} ABBA blocks of windows of {@code windowMs} ({@code windowsPerArmPerBlock}
 * per arm and block). CPU per successful request of each arm over all its windows; {@code
 * authenticationMsPerRequest}: the difference, what the filter and the decoder add to a request;
 * {@code blockDifferenceMinMs}/{@code MaxMs}: the range of the blocks' own differences (the noise);
 * {@code decodeMicrosOnInfoAuthenticated} and {@code decodeCpuMicrosOnInfoAuthenticated}: the decode timer's wall
 * time per token in the strategy's {@code info-authenticated} run and its CPU estimate (see
 * {@link Authentication}), for comparison; {@code problems}: what makes the figure unusable (answers other than
 * 200, an arm without CPU or successes).
 */
public record AuthenticationAb(String strategy, int blocks, int windowsPerArmPerBlock, long windowMs, long infoOk,
                               long infoAuthenticatedOk, Double infoCpuMsPerOk, Double infoAuthenticatedCpuMsPerOk,
                               Double authenticationMsPerRequest, Double infoAuthenticatedOverInfo,
                               Double blockDifferenceMinMs, Double blockDifferenceMaxMs,
                               Double decodeMicrosOnInfoAuthenticated, Double decodeCpuMicrosOnInfoAuthenticated,
                               List<String> problems) {
}
