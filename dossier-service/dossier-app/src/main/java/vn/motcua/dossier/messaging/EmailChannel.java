package vn.motcua.dossier.messaging;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.app.NoticeTexts;

import java.util.concurrent.CompletionException;

/**
 * Notices by e-mail through the configured SMTP relay (quarkus-mailer). The Message-ID is the notice's own, so a
 * message sent again after a crash between the relay's answer and our record is recognisably the same message.
 */
@ApplicationScoped
public class EmailChannel {
    private final Mailer mailer;

    public EmailChannel(Mailer mailer) {
        this.mailer = mailer;
    }

    public NoticeDelivery send(long noticeId, String to, NoticeTexts.Message message) {
        try {
            mailer.send(Mail.withText(to, message.subject(), message.text())
                    .addHeader("Message-ID", "<notice-" + noticeId + "@motcua>")
                    .addHeader("X-Motcua-Notice", Long.toString(noticeId)));
            return new NoticeDelivery.Delivered("accepted by the mail server");
        } catch (RuntimeException e) {
            String detail = reason(e);
            // an SMTP 5xx on the recipient is final; a refused connection, a timeout or a 4xx is worth a retry
            return detail.matches("(?s).*\\b5\\d\\d\\b.*") && !detail.contains("Connection")
                    ? new NoticeDelivery.Refused(detail) : new NoticeDelivery.Retry(detail);
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
