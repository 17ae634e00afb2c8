package io.rosterline.api.sftp;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.district.District;
import io.rosterline.api.sftp.SftpDtos.AccountView;
import io.rosterline.api.sftp.SftpDtos.KeyView;
import io.rosterline.api.sftp.SftpDtos.PasswordResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

import java.security.PublicKey;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class SftpAccountService {

    @Inject
    SftpServer server;
    @Inject
    AuditTrail audit;

    public AccountView view(UUID districtId) {
        District.require(districtId);
        SftpAccount account = SftpAccount.findById(districtId);
        return view(districtId, account);
    }

    /**
     * What a OneRoster CSV district does to get its roster in, in plain words: "Upload a OneRoster CSV zip to
     * sftp://host:port as user name", or first set up (or enable) the SFTP account.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String uploadInstruction(UUID districtId) {
        SftpAccount account = SftpAccount.findById(districtId);
        String where = "sftp://" + server.publicHost() + ":" + server.publicPort();
        if (account == null) {
            return "Set up the SFTP account on the credentials step, then upload a OneRoster CSV zip to " + where;
        }
        if (!account.enabled) {
            return "Enable the SFTP account " + account.username + ", then upload a OneRoster CSV zip to " + where;
        }
        return "Upload a OneRoster CSV zip to " + where + " as user " + account.username;
    }

    public AccountView update(UUID districtId, boolean enabled) {
        District district = District.require(districtId);
        SftpAccount account = SftpAccount.findById(districtId);
        AccountView before = account == null ? null : view(districtId, account);
        account = ensure(district, account);
        account.enabled = enabled;
        account.updatedAt = Instant.now();
        account.persistAndFlush();
        AccountView after = view(districtId, account);
        audit.record(districtId, before == null ? "sftp.created" : "sftp.updated", "sftp_account", districtId, before, after);
        return after;
    }

    /** Sets the given password, or generates one; only its salted hash is stored. */
    public PasswordResult setPassword(UUID districtId, String password) {
        District district = District.require(districtId);
        SftpAccount account = ensure(district, SftpAccount.findById(districtId));
        String chosen = password != null ? password : PasswordHasher.generate();
        account.passwordHash = PasswordHasher.hash(chosen);
        account.passwordSetAt = Instant.now();
        account.updatedAt = account.passwordSetAt;
        account.persistAndFlush();
        audit.record(districtId, "sftp.password-set", "sftp_account", districtId, null,
                new PasswordResult(account.username, true, null));
        return new PasswordResult(account.username, true, password == null ? chosen : null);
    }

    public KeyView addKey(UUID districtId, String line) {
        District district = District.require(districtId);
        SftpAccount account = ensure(district, SftpAccount.findById(districtId));
        PublicKey key;
        String comment;
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.trim());
            if (entry == null) {
                throw new IllegalArgumentException("empty");
            }
            key = entry.resolvePublicKey(null, null, null);
            comment = entry.getComment();
        } catch (Exception e) {
            throw ProblemException.invalid("publicKey", "is not an SSH public key; paste one line such as "
                    + "'ssh-ed25519 AAAA... name@host' (the .pub file, never the private key)");
        }
        if (key == null) {
            throw ProblemException.invalid("publicKey", "uses a key type this server does not accept; use ssh-ed25519, "
                    + "ecdsa-sha2-nistp256 or ssh-rsa (3072 bits or more)");
        }
        if ("RSA".equals(key.getAlgorithm()) && KeyUtils.getKeySize(key) < 2048) {
            throw ProblemException.invalid("publicKey", "an RSA key must have at least 2048 bits");
        }
        String fingerprint = KeyUtils.getFingerPrint(key);
        if (SftpPublicKey.count("districtId = ?1 and fingerprint = ?2", districtId, fingerprint) > 0) {
            throw ProblemException.conflict("This key is already on the account.");
        }
        SftpPublicKey stored = new SftpPublicKey();
        stored.id = UUID.randomUUID();
        stored.districtId = account.districtId;
        stored.keyType = KeyUtils.getKeyType(key);
        stored.publicKey = PublicKeyEntry.toString(key);
        stored.fingerprint = fingerprint;
        stored.comment = comment == null || comment.isBlank() ? null : comment.trim();
        stored.addedAt = Instant.now();
        stored.persistAndFlush();
        KeyView view = keyView(stored);
        audit.record(districtId, "sftp.key-added", "sftp_public_key", stored.id, null, view);
        return view;
    }

    public void removeKey(UUID districtId, UUID keyId) {
        District.require(districtId);
        SftpPublicKey key = SftpPublicKey.find("id = ?1 and districtId = ?2", keyId, districtId).firstResult();
        if (key == null) {
            throw ProblemException.notFound("SSH key " + keyId);
        }
        KeyView before = keyView(key);
        key.delete();
        audit.record(districtId, "sftp.key-removed", "sftp_public_key", keyId, before, null);
    }

    private SftpAccount ensure(District district, SftpAccount existing) {
        if (existing != null) {
            return existing;
        }
        SftpAccount account = new SftpAccount();
        account.districtId = district.id;
        account.username = freeUsername(district);
        account.enabled = true;
        account.createdAt = Instant.now();
        account.updatedAt = account.createdAt;
        account.persistAndFlush();
        return account;
    }

    /** The district's name as a login ("harbor-unified"), with a short id suffix when another district has it. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.length() > 24 ? slug.substring(0, 24).replaceAll("-+$", "") : slug;
    }

    private static String freeUsername(District district) {
        String base = slug(district.name);
        String shortId = "d-" + district.id.toString().substring(0, 8);
        for (String candidate : List.of(base, base + "-" + district.id.toString().substring(0, 4), shortId,
                "d-" + district.id.toString().replace("-", ""))) {
            if (!candidate.isEmpty() && !candidate.equals("-") && SftpAccount.count("username", candidate) == 0) {
                return candidate;
            }
        }
        throw ProblemException.conflict("No free SFTP user name for this district; contact support.");
    }

    private AccountView view(UUID districtId, SftpAccount account) {
        List<KeyView> keys = account == null ? List.of()
                : SftpPublicKey.<SftpPublicKey>list("districtId = ?1 order by addedAt, id", districtId).stream().map(SftpAccountService::keyView).toList();
        return new AccountView(districtId, account != null, server.publicHost(), server.publicPort(),
                account == null ? null : account.username, account != null && account.enabled,
                account != null && account.passwordHash != null, account == null ? null : account.passwordSetAt,
                server.hostKeyFingerprint(), keys);
    }

    private static KeyView keyView(SftpPublicKey k) {
        return new KeyView(k.id, k.keyType, k.fingerprint, k.comment, k.addedAt);
    }
}
