package vn.motcua.dossier.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.support.security.Caller;
import vn.motcua.dossier.app.HistoryCheck;
import vn.motcua.dossier.app.HistorySealer;
import vn.motcua.dossier.app.OverdueWatcher;
import vn.motcua.dossier.app.ReadTableRebuild;
import vn.motcua.dossier.domain.history.HistoryVerifier;

import java.util.List;

/** Operations for the ops team. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class AdminResource {
    private final ReadTableRebuild rebuild;
    private final OverdueWatcher watcher;
    private final HistorySealer sealer;
    private final HistoryCheck history;

    public record Done(String what, int count, double seconds) {
    }

    /** The days a sealing run sealed, with their seals (copy them somewhere else to anchor the history). */
    public record Sealing(int daysSealed, List<HistorySealer.Sealed> days, double seconds) {
    }

    /** A history check's answer: intact or not, what was checked, and the first problems by day and position. */
    public record HistoryReport(String scope, boolean intact, long events, long streams, long sealedDays,
                                java.time.LocalDate lastSealedDay, long sealedEvents, long unsealedEvents,
                                long problems, HistoryVerifier.Finding first, List<HistoryVerifier.Finding> findings,
                                double seconds) {
        static HistoryReport of(String scope, HistoryVerifier.Report r, long start) {
            return new HistoryReport(scope, r.intact(), r.events(), r.streams(), r.sealedDays(), r.lastSealedDay(),
                    r.sealedEvents(), r.unsealedEvents(), r.problems(), r.first(), r.findings(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    public AdminResource(ReadTableRebuild rebuild, OverdueWatcher watcher, HistorySealer sealer,
                         HistoryCheck history) {
        this.rebuild = rebuild;
        this.watcher = watcher;
        this.sealer = sealer;
        this.history = history;
    }

    @POST
    @Path("/read-table/rebuild")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Rebuild the work-queue read table from the event store (safe while commands run)")
    public Uni<Done> rebuildReadTable() {
        long start = System.nanoTime();
        return rebuild.rebuild().map(n -> new Done("dossiers rebuilt", n, (System.nanoTime() - start) / 1e9));
    }

    @POST
    @Path("/overdue-scan")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Run the overdue watcher now (it also runs on its own schedule)")
    public Uni<Done> scanOverdue() {
        long start = System.nanoTime();
        return watcher.scan().map(n -> new Done("dossiers marked overdue", n, (System.nanoTime() - start) / 1e9));
    }

    @POST
    @Path("/history/seal")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Seal the closed days of the dossier history now (the sealer also runs on its own schedule)")
    public Uni<Sealing> sealHistory() {
        long start = System.nanoTime();
        return sealer.seal().map(days -> new Sealing(days.size(), days, (System.nanoTime() - start) / 1e9));
    }

    @GET
    @Path("/history/verify")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Verify the whole dossier history: every stream's hash chain and every sealed day")
    public Uni<HistoryReport> verifyHistory() {
        long start = System.nanoTime();
        return history.verifyStore().map(r -> HistoryReport.of("store", r, start));
    }

    @GET
    @Path("/history/verify/{ref}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Verify one dossier's history (by id or code): its hash chain and its length")
    public Uni<HistoryReport> verifyDossierHistory(@PathParam("ref") String ref) {
        long start = System.nanoTime();
        return history.verifyDossier(ref).map(r -> HistoryReport.of("dossier", r, start));
    }
}
