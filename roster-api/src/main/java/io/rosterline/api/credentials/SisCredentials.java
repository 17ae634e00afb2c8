package io.rosterline.api.credentials;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.rosterline.api.source.AuthMethod;
import io.rosterline.api.source.ValidationStatus;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A district's SIS API connection; the secret only as AES-GCM ciphertext (see {@link SecretBox}). */
@Entity
@Table(name = "sis_credentials")
public class SisCredentials extends PanacheEntityBase {

    /** Associated data for the client secret: binds the ciphertext to its district. */
    static String secretContext(UUID districtId) {
        return "sis-client-secret|" + districtId;
    }

    @Id
    @Column(name = "district_id")
    public UUID districtId;
    @Column(name = "base_url")
    public String baseUrl;
    @Column(name = "client_id")
    public String clientId;
    @Enumerated(EnumType.STRING)
    @Column(name = "auth_method")
    public AuthMethod authMethod;
    @Enumerated(EnumType.STRING)
    @Column(name = "working_method")
    public AuthMethod workingMethod;
    @Column(name = "token_url")
    public String tokenUrl;
    public String scope;
    @Enumerated(EnumType.STRING)
    @Column(name = "oauth1_signature_method")
    public OAuth1Signer.Method oauth1SignatureMethod = OAuth1Signer.Method.HMAC_SHA256;
    @Enumerated(EnumType.STRING)
    @Column(name = "oauth2_client_auth")
    public OAuth2ClientCredentials.ClientAuth oauth2ClientAuth = OAuth2ClientCredentials.ClientAuth.BASIC_HEADER;
    @Column(name = "secret_key_id")
    public String secretKeyId;
    @Column(name = "secret_nonce")
    public byte[] secretNonce;
    @Column(name = "secret_ciphertext")
    public byte[] secretCiphertext;
    @Column(name = "secret_last_four")
    public String secretLastFour;
    @Enumerated(EnumType.STRING)
    @Column(name = "validation_status")
    public ValidationStatus validationStatus;
    @Column(name = "validation_message")
    public String validationMessage;
    @Column(name = "sis_district_name")
    public String sisDistrictName;
    @Column(name = "school_count")
    public Integer schoolCount;
    @Column(name = "checked_at")
    public Instant checkedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    SecretBox.Sealed sealedSecret() {
        return new SecretBox.Sealed(secretKeyId, secretNonce, secretCiphertext);
    }

    void sealSecret(SecretBox.Sealed sealed) {
        secretKeyId = sealed.keyId();
        secretNonce = sealed.nonce();
        secretCiphertext = sealed.ciphertext();
    }
}
