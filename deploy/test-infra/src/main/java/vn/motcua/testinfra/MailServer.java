package vn.motcua.testinfra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.util.List;

/**
 * A real SMTP server (GreenMail, in this JVM) that keeps every message it accepts, with IMAP to read them back: the
 * tests read the applicant's mail from it, the local run prints where to read it. Not a mock: the service speaks
 * SMTP to it over a socket like to any mail relay.
 */
public final class MailServer implements AutoCloseable {
    private final GreenMail mail;

    private MailServer(GreenMail mail) {
        this.mail = mail;
    }

    /** SMTP and IMAP on free ports of 127.0.0.1. */
    public static MailServer start() {
        return start(FreePorts.next(), FreePorts.next());
    }

    public static MailServer start(int smtpPort, int imapPort) {
        GreenMail mail = new GreenMail(new ServerSetup[]{
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        return new MailServer(mail);
    }

    public int smtpPort() {
        return mail.getSmtp().getPort();
    }

    public int imapPort() {
        return mail.getImap().getPort();
    }

    /** Every message accepted so far, in the order received. */
    public List<MimeMessage> received() {
        return List.of(mail.getReceivedMessages());
    }

    /** A message as the applicant would read it. */
    public record Summary(String to, String subject, String sentAt, String text) {
    }

    /** Every message accepted so far, decoded. */
    public List<Summary> summaries() {
        return received().stream().map(m -> {
            try {
                return new Summary(m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString(),
                        m.getSubject(), m.getSentDate() == null ? null : m.getSentDate().toInstant().toString(),
                        m.getContent().toString());
            } catch (Exception e) {
                return new Summary(null, null, null, "unreadable message: " + e);
            }
        }).toList();
    }

    public void purge() {
        try {
            mail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        mail.stop();
    }
}
