package vn.motcua.dossier.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.store.DataProtection;
import vn.motcua.dossier.store.IdempotencyEntity;
import vn.motcua.support.ProblemException;
import vn.motcua.support.security.Caller;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The Idempotency-Key: a command's work runs in one transaction, once per (caller, key); a retry with the same key
 * and request gets the first answer, sealed at rest because a receipt holds the lookup secret and the applicant.
 */
@ApplicationScoped
public class IdempotentRequests {
    private final DataProtection protection;
    private final ObjectMapper json;
    private final Clock clock;

    /** A command's answer: what the REST layer sends, and what a retry with the same key gets again. */
    public record Result(int status, UUID dossierId, int version, String body, boolean replayed) {
    }

    /** An Idempotency-Key and the hash of the request it came with. */
    public record Idempotency(String key, String requestHash) {
    }

    public IdempotentRequests(DataProtection protection, ObjectMapper json, Clock clock) {
        this.protection = protection;
        this.json = json;
        this.clock = clock;
    }

    /** A first answer, its body written as the JSON a retry will get again. */
    public Result answer(int status, UUID dossierId, int version, Object body) {
        try {
            return new Result(status, dossierId, version, json.writeValueAsString(body), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response", e);
        }
    }

    /**
     * Runs {@code work} in a transaction, once per (caller, key): a retry with the same key and request gets the
     * first answer and appends nothing; the same key with another request is refused (422). Two concurrent first
     * tries: one commits, the other finds its answer after losing the race.
     */
    public Uni<Result> once(Caller caller, Idempotency idem, Supplier<Uni<Result>> work) {
        if (idem == null || idem.key() == null) {
            return Panache.withTransaction(work);
        }
        if (idem.key().isBlank() || idem.key().length() > 200) {
            throw ProblemException.invalid("Idempotency-Key", "must have 1 to 200 characters",
                    "phải có từ 1 đến 200 ký tự");
        }
        String keyHash = DataProtection.sha256Hex(caller.name() + "\n" + idem.key());
        return Panache.withTransaction(() -> IdempotencyEntity.<IdempotencyEntity>findById(keyHash).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(replay(found, idem));
            }
            return work.get().call(result -> {
                IdempotencyEntity row = new IdempotencyEntity();
                row.keyHash = keyHash;
                row.caller = caller.name();
                row.requestHash = idem.requestHash();
                row.status = result.status();
                row.dossierId = result.dossierId();
                row.dossierVersion = result.version();
                // the receipt holds the lookup secret and the applicant: kept sealed, never in clear
                row.response = protection.seal(result.body());
                row.createdAt = clock.instant();
                return row.persist();
            });
        })).onFailure().recoverWithUni(e -> Panache.withSession(
                () -> IdempotencyEntity.<IdempotencyEntity>findById(keyHash))
                .onFailure().recoverWithNull()
                .map(found -> {
                    // A first try with this key committed after this one looked for it: this one lost the race at
                    // the append, or the rules now refuse it because the first one's effect is there. Either way
                    // the first answer is the answer.
                    if (found == null) {
                        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    }
                    return replay(found, idem);
                }));
    }

    private Result replay(IdempotencyEntity found, Idempotency idem) {
        if (!found.requestHash.equals(idem.requestHash())) {
            throw new ProblemException(422, "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request",
                    "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác",
                    List.of(new ProblemException.Violation("Idempotency-Key", "was used for a different request",
                            "đã được dùng cho một yêu cầu khác")));
        }
        String body;
        try {
            body = protection.open(found.response);
        } catch (DataProtection.KeyUnavailable e) {
            throw new ProblemException(409, "idempotent-answer-unavailable",
                    "This request was already carried out, but its first answer was sealed with a data key that is no "
                            + "longer configured; read the dossier " + found.dossierId + " instead",
                    "Yêu cầu này đã được thực hiện nhưng không thể hiển thị lại kết quả lần đầu; vui lòng tra cứu hồ sơ",
                    List.of());
        }
        return new Result(found.status, found.dossierId, found.dossierVersion == null ? 0 : found.dossierVersion,
                body, true);
    }
}
