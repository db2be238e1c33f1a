package vn.motcua.dossier.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.store.DataProtection;
import vn.motcua.dossier.store.DossierStore;
import vn.motcua.dossier.store.IdempotencyEntity;
import vn.motcua.support.ProblemException;
import vn.motcua.support.security.Caller;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Idempotency-Key: a command's work runs in one transaction, once per (caller, key); a retry with the same key
 * and request gets the first answer, sealed at rest because a receipt holds the lookup secret and the applicant.
 */
@ApplicationScoped
public class IdempotentRequests {
    private final DataProtection protection;
    private final ObjectMapper json;
    private final Clock clock;
    private final DossierStore store;

    /** A command's answer: what the REST layer sends, and what a retry with the same key gets again. */
    public record Result(int status, UUID dossierId, int version, String body, boolean replayed) {
    }

    /** An Idempotency-Key and the hash of the request it came with. */
    public record Idempotency(String key, String requestHash) {
    }

    public IdempotentRequests(DataProtection protection, ObjectMapper json, Clock clock, DossierStore store) {
        this.store = store;
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
     * The first answer to remember for an Idempotency-Key: the command's own write takes it ({@link #take}), so the
     * answer is stored by the statement that stores the change; a command that wrote nothing leaves it to
     * {@link #once}.
     */
    public final class Remember {
        private final String keyHash;
        private final String caller;
        private final String requestHash;
        private boolean taken;

        private Remember(String keyHash, String caller, String requestHash) {
            this.keyHash = keyHash;
            this.caller = caller;
            this.requestHash = requestHash;
        }

        /** The row that remembers {@code result}, for the write that carries the command's change. */
        public IdempotencyEntity take(Result result) {
            taken = true;
            IdempotencyEntity row = new IdempotencyEntity();
            row.keyHash = keyHash;
            row.caller = caller;
            row.requestHash = requestHash;
            row.status = result.status();
            row.dossierId = result.dossierId();
            row.dossierVersion = result.version();
            // the receipt holds the lookup secret and the applicant: kept sealed, never in clear
            row.response = protection.seal(result.body());
            row.createdAt = clock.instant();
            return row;
        }
    }

    /**
     * Runs {@code work} in a transaction, once per (caller, key): a retry with the same key and request gets the
     * first answer and appends nothing; the same key with another request is refused (422). Two concurrent first
     * tries: one commits, the other finds its answer after losing the race. {@code work} gets the answer to remember
     * (null without a key).
     */
    public Uni<Result> once(Caller caller, Idempotency idem, Function<Remember, Uni<Result>> work) {
        String keyHash = keyHash(caller, idem);
        if (keyHash == null) {
            return Panache.withTransaction(() -> work.apply(null));
        }
        return Panache.withTransaction(() -> store.answer(keyHash).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(replay(found, idem));
            }
            Remember remember = new Remember(keyHash, caller.name(), idem.requestHash());
            return work.apply(remember).call(result -> remember.taken ? Uni.createFrom().voidItem()
                    : store.write(new DossierStore.Write(result.dossierId(), null, 0, null, List.of(), clock.instant(),
                    null, null, List.of(), remember.take(result))));
        })).onFailure().recoverWithUni(e -> Panache.withSession(() -> store.answer(keyHash))
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

    /**
     * What an Idempotency-Key is remembered by (one caller's key), or null without a key.
     *
     * @throws ProblemException 400 when the key is empty or longer than 200 characters
     */
    String keyHash(Caller caller, Idempotency idem) {
        if (idem == null || idem.key() == null) {
            return null;
        }
        if (idem.key().isBlank() || idem.key().length() > 200) {
            throw ProblemException.invalid("Idempotency-Key", "must have 1 to 200 characters",
                    "phải có từ 1 đến 200 ký tự");
        }
        return DataProtection.sha256Hex(caller.name() + "\n" + idem.key());
    }

    /**
     * The answer to remember for a first try with a key ({@code keyHash} from {@link #keyHash}), for a group of
     * receptions written together.
     */
    Remember remember(String keyHash, Caller caller, Idempotency idem) {
        return new Remember(keyHash, caller.name(), idem.requestHash());
    }

    /**
     * The first answer again, for a retry that found it ({@link DossierStore#answers}).
     *
     * @throws ProblemException 422 when the key came with another request
     */
    Result replay(IdempotencyEntity found, Idempotency idem) {
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
