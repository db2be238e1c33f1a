package vn.motcua.consumer;

import vn.motcua.support.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.support.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For operators: each consumer of this service, what it has parked (dead letters and the records waiting behind
 * them), and the two ways out: replay a stream after a fix, or discard a record no fix can apply, with a reason.
 */
@Path("/api/v1/admin/consumers")
@RolesAllowed(Caller.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "consumers", description = "Dead letters and parked streams of this service's consumers (admin)")
public class ConsumersResource {
    static final Set<String> STATUSES = Set.of("PARKED", "REPLAYED", "DISCARDED");

    private final Consumers consumers;
    private final ParkedStore store;
    private final SecurityIdentity identity;

    public ConsumersResource(Consumers consumers, ParkedStore store, SecurityIdentity identity) {
        this.consumers = consumers;
        this.store = store;
        this.identity = identity;
    }

    public record ConsumerView(String consumer, String deadLetterTopic, long parkedEvents, long parkedStreams,
                               long deadLetters, String waitingReason, java.time.Instant waitingSince) {
    }

    public record DiscardRequest(String reason) {
    }

    public record Discarded(String consumer, long id) {
    }

    @GET
    @Operation(summary = "Every consumer: what it has parked, and whether it waits on a transient failure")
    public Uni<List<ConsumerView>> list() {
        return store.counts().map(counts -> {
            List<ConsumerView> out = new ArrayList<>();
            for (Map.Entry<String, Consumers.Registered> e : consumers.registered().entrySet()) {
                ParkedStore.Count n = counts.stream().filter(c -> c.consumer().equals(e.getKey())).findFirst()
                        .orElse(new ParkedStore.Count(e.getKey(), 0, 0, 0));
                Consumers.Status s = e.getValue().status();
                out.add(new ConsumerView(e.getKey(), e.getValue().deadLetterTopic(), n.events(), n.streams(),
                        n.deadLetters(), s.waitingReason().orElse(null), s.waitingSince().orElse(null)));
            }
            return out;
        });
    }

    @GET
    @Path("{consumer}/parked")
    @Operation(summary = "A consumer's parked records, newest first (status PARKED by default; REPLAYED, DISCARDED)")
    public Uni<List<ParkedStore.Parked>> parked(@PathParam("consumer") String consumer, @QueryParam("stream") String stream,
                                                @QueryParam("status") String status, @QueryParam("limit") String limit,
                                                @QueryParam("offset") String offset) {
        require(consumer);
        String st = status == null || status.isBlank() ? "PARKED" : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (!STATUSES.contains(st)) {
            throw ProblemException.invalid("status", "must be PARKED, REPLAYED or DISCARDED",
                    "phải là PARKED, REPLAYED hoặc DISCARDED");
        }
        int l = number("limit", limit, 100, 1, ParkedStore.MAX_PAGE);
        int o = number("offset", offset, 0, 0, 1_000_000);
        return store.list(consumer, stream, st, l, o);
    }

    @POST
    @Path("{consumer}/streams/{stream}/replay")
    @Operation(summary = "Applies a stream's parked records again, in order, until one still fails")
    public Uni<Consumers.ReplayResult> replay(@PathParam("consumer") String consumer, @PathParam("stream") String stream) {
        require(consumer);
        return consumers.replay(consumer, stream, identity.getPrincipal().getName());
    }

    @POST
    @Path("{consumer}/parked/{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Drops one parked record for good (a record no fix can apply); who and why are recorded")
    public Uni<Discarded> discard(@PathParam("consumer") String consumer, @PathParam("id") String id,
                                  DiscardRequest request) {
        require(consumer);
        long parkedId = number("id", id, -1, 1, Integer.MAX_VALUE);
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > 1000) {
            throw ProblemException.invalid("reason", "is required (1 to 1000 characters): why this record is dropped",
                    "là bắt buộc (1 đến 1000 ký tự): lý do bỏ bản ghi này");
        }
        return store.discard(consumer, parkedId, identity.getPrincipal().getName(), reason).map(found -> {
            if (!found) {
                throw ProblemException.notFound("Parked record", id, "Bản ghi đang chờ");
            }
            return new Discarded(consumer, parkedId);
        });
    }

    private void require(String consumer) {
        if (!consumers.knows(consumer)) {
            throw ProblemException.notFound("Consumer", consumer, "Bộ tiêu thụ sự kiện");
        }
    }

    private static int number(String field, String value, int byDefault, int min, int max) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.invalid(field, "must be a whole number from " + min + " to " + max,
                "phải là số nguyên từ " + min + " đến " + max);
    }
}
