package vn.motcua.dossier.domain;

import java.util.List;

/**
 * The rules of the national public-service portal (DVCQG) sync that belong to the dossier (DOMAIN.md §7): which
 * events change what the portal holds, and the receipts the sync appends. The status code of each state is
 * {@link Types.Status#portalCode()}; the wire format is the sync's mapping, not a rule.
 */
public final class NationalPortal {
    /** The portal's status codes run from 1 (submitted) to 10 (result returned). */
    public static final int LOWEST_STATUS = 1;
    public static final int HIGHEST_STATUS = 10;

    private NationalPortal() {
    }

    /**
     * Whether an event changes the dossier the portal holds a copy of: every event except the receipts (of a notice,
     * and of the sync itself), so the sync's own receipts never call for another sync.
     */
    public static boolean changesDossier(DossierEvent event) {
        return !(event instanceof DossierEvent.ApplicantNotified)
                && !(event instanceof DossierEvent.SyncedToNationalPortal)
                && !(event instanceof DossierEvent.NationalPortalSyncRefused);
    }

    static List<DossierEvent> accepted(DossierState s, DossierCommand.RecordPortalAcceptance c) {
        requireVersion(c.forVersion());
        if (c.portalStatus() < LOWEST_STATUS || c.portalStatus() > HIGHEST_STATUS) {
            throw RuleViolation.input("portal-status", "portalStatus", "the portal's status codes run from 1 to 10",
                    "mã trạng thái của Cổng Dịch vụ công quốc gia từ 1 đến 10");
        }
        return List.of(new DossierEvent.SyncedToNationalPortal(c.forVersion(), c.portalStatus(), c.at()));
    }

    static List<DossierEvent> refused(DossierState s, DossierCommand.RecordPortalRefusal c) {
        requireVersion(c.forVersion());
        if (c.errorCode() == null || c.errorCode().isBlank()) {
            throw RuleViolation.input("portal-error", "errorCode", "a refusal carries the portal's error code",
                    "lần từ chối phải có mã lỗi của Cổng Dịch vụ công quốc gia");
        }
        return List.of(new DossierEvent.NationalPortalSyncRefused(c.forVersion(), c.errorCode(), c.errorMessage(),
                c.at()));
    }

    private static void requireVersion(int forVersion) {
        if (forVersion < 1) {
            throw RuleViolation.input("portal-version", "forVersion", "a sync is of a version of the dossier's stream",
                    "lần đồng bộ phải gắn với một phiên bản của hồ sơ");
        }
    }
}
