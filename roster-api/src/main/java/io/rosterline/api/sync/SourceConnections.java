package io.rosterline.api.sync;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the worker gets a district's decrypted connection settings (base URL, auth kind, key and secret, ...).
 * The credentials feature stores them encrypted and implements this (StoredSourceConnections). Only the worker endpoint
 * ever sees the values; they are never logged.
 */
public interface SourceConnections {

    Optional<Map<String, String>> settings(UUID districtId);
}
