package vn.motcua.dossier.messaging;

/** What a channel says of one attempt: delivered, worth trying again (timeout, 5xx, refused connection), or refused. */
public sealed interface NoticeDelivery {
    String detail();

    record Delivered(String detail) implements NoticeDelivery {
    }

    record Retry(String detail) implements NoticeDelivery {
    }

    /** The server refused this message for good (bad address, body it will never take): trying again cannot help. */
    record Refused(String detail) implements NoticeDelivery {
    }
}
