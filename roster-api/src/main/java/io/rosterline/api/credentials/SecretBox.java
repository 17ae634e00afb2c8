package io.rosterline.api.credentials;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * AES-256-GCM for secrets at rest. Every value gets a fresh random 96-bit nonce; the key id travels with the
 * ciphertext so keys can rotate (old ids stay readable until {@link KeyRotation} rewrites them). The associated data
 * binds a ciphertext to its purpose and row, so a value copied into another district's row does not decrypt.
 */
@ApplicationScoped
public class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One encrypted value as stored: key id, nonce, ciphertext with the GCM tag appended. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String activeKeyId;

    @Inject
    public SecretBox(CredentialsConfig config) {
        config.keys().forEach((id, encoded) -> {
            if (encoded != null && !encoded.isBlank()) { // an unset env var leaves an empty slot
                keys.put(id, key(id, encoded));
            }
        });
        this.activeKeyId = config.activeKey();
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("rosterline.credentials.active-key=" + activeKeyId
                    + " names no key; set rosterline.credentials.keys." + activeKeyId + " (base64 of 32 random bytes)");
        }
    }

    private static SecretKeySpec key(String id, String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("rosterline.credentials.keys." + id + " is not base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalStateException("rosterline.credentials.keys." + id + " must be 16, 24 or 32 bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    public Sealed seal(String plaintext, String context) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    public Sealed seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(activeKeyId, context));
            return new Sealed(activeKeyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String openString(Sealed sealed, String context) {
        return new String(open(sealed, context), StandardCharsets.UTF_8);
    }

    public byte[] open(Sealed sealed, String context) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("A stored secret was encrypted with key id '" + sealed.keyId()
                    + "', which is not configured; add it under rosterline.credentials.keys until it has been rotated out");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(aad(sealed.keyId(), context));
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            // Deliberately without the cause's details: nothing about the value may reach a log.
            throw new IllegalStateException("A stored secret could not be decrypted (wrong key or tampered value)");
        }
    }

    private static byte[] aad(String keyId, String context) {
        return ("rosterline|" + keyId + "|" + context).getBytes(StandardCharsets.UTF_8);
    }
}
