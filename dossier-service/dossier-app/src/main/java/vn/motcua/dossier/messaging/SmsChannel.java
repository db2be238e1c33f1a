package vn.motcua.dossier.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Notices by SMS through the province's HTTP SMS gateway (brand-name SMS). One call per message, with the notice's
 * id as the gateway's reference: a gateway that has taken a reference answers "duplicate" and does not send it again,
 * so a retry after a lost answer never reaches the applicant twice.
 */
@ApplicationScoped
public class SmsChannel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Optional<String> url;
    private final String apiKey;
    private final String sender;
    private final Duration timeout;

    public SmsChannel(@ConfigProperty(name = "motcua.notices.sms.url") Optional<String> url,
                      @ConfigProperty(name = "motcua.notices.sms.api-key") Optional<String> apiKey,
                      @ConfigProperty(name = "motcua.notices.sms.sender", defaultValue = "MOTCUA") String sender,
                      @ConfigProperty(name = "motcua.notices.sms.timeout", defaultValue = "PT10S") Duration timeout) {
        this.url = url;
        this.apiKey = apiKey.orElse("");
        this.sender = sender;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public NoticeDelivery send(long noticeId, String to, String text) {
        if (url.isEmpty()) {
            return new NoticeDelivery.Retry("no SMS gateway configured (motcua.notices.sms.url)");
        }
        try {
            String body = JSON.writeValueAsString(Map.of("reference", "notice-" + noticeId, "to", to,
                    "sender", sender, "text", text));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url.get())).timeout(timeout)
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            int status = r.statusCode();
            String detail = "gateway " + status + " " + clip(r.body());
            if (status / 100 == 2) {
                return new NoticeDelivery.Delivered(detail);
            }
            // 400 / 422: this message will never be taken; 401, 403, 429 and 5xx: the gateway or our key, retry
            return status == 400 || status == 422 ? new NoticeDelivery.Refused(detail) : new NoticeDelivery.Retry(detail);
        } catch (IOException e) {
            return new NoticeDelivery.Retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NoticeDelivery.Retry("interrupted");
        }
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) : s;
    }
}
