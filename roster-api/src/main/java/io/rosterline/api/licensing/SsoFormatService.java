package io.rosterline.api.licensing;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.district.District;
import io.rosterline.api.licensing.StickyDtos.SsoFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The district's SSO format rule (district.sso_email_domain, district.sso_login_pattern). */
@ApplicationScoped
@Transactional
public class SsoFormatService {

    @Inject
    SqlRunner sql;
    @Inject
    AuditTrail audit;

    public SsoFormat get(UUID districtId) {
        District.require(districtId);
        return sql.one("SELECT sso_email_domain, sso_login_pattern FROM district WHERE id = ?",
                rs -> new SsoFormat(rs.getString(1), rs.getString(2)), districtId).orElseThrow();
    }

    public SsoFormat update(UUID districtId, SsoFormat request) {
        SsoFormat before = get(districtId);
        String domain = blankToNull(request.emailDomain());
        String pattern = blankToNull(request.loginPattern());
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw ProblemException.invalid("loginPattern", "is not a valid regular expression: " + e.getDescription());
            }
        }
        sql.update("UPDATE district SET sso_email_domain = ?, sso_login_pattern = ?, updated_at = now() WHERE id = ?",
                domain == null ? null : domain.toLowerCase(Locale.ROOT), pattern, districtId);
        SsoFormat after = get(districtId);
        if (!before.equals(after)) {
            audit.record(districtId, "sso-format.changed", "district", districtId, before, after);
        }
        return after;
    }

    /** Refuses an email or login that breaks the district's SSO format, naming the field. */
    void check(UUID districtId, String emailField, String email, String loginField, String login) {
        SsoFormat format = get(districtId);
        if (format.emailDomain() != null && !email.toLowerCase(Locale.ROOT).endsWith("@" + format.emailDomain())) {
            throw ProblemException.invalid(emailField, "must be an address at " + format.emailDomain() + ", the district's sign-in domain");
        }
        if (format.loginPattern() != null && !Pattern.compile(format.loginPattern()).matcher(login).matches()) {
            throw ProblemException.invalid(loginField, "does not follow the district's sign-in name format " + format.loginPattern());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
