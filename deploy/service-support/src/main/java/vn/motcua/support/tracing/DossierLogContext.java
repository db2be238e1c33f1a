package vn.motcua.support.tracing;

import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the dossier a request is about ({@code /dossiers/{id or code}/...}) in every log line of the request (MDC
 * {@code dossierId}, beside the trace id OpenTelemetry puts there) and on its trace ({@code motcua.dossier}).
 */
public class DossierLogContext {
    public static final String MDC_KEY = "dossierId";
    private static final Pattern DOSSIER = Pattern.compile("/dossiers/([^/]+)");

    @ServerRequestFilter
    public void name(ContainerRequestContext request) {
        Matcher m = DOSSIER.matcher(request.getUriInfo().getPath());
        if (m.find() && !"refusals".equals(m.group(1))) {
            about(m.group(1));
        } else {
            MDC.remove(MDC_KEY);
        }
    }

    /** Names the dossier of the work going on now (a request, or a consumer applying an event). */
    public static void about(String dossier) {
        String safe = dossier.length() > 80 ? dossier.substring(0, 80) : dossier;
        MDC.put(MDC_KEY, "dossier=" + safe);
        Span.current().setAttribute("motcua.dossier", safe);
    }
}
