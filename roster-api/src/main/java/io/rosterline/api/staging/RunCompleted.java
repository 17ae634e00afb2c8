package io.rosterline.api.staging;

import java.util.UUID;

/**
 * Fired in the transaction that completes a run (staged, applied, held or superseded) or applies a staged one; observed
 * after it commits by what follows a district's roster, such as the readiness review's precompute.
 */
public record RunCompleted(UUID districtId, UUID runId) {
}
