package vn.motcua.satisfaction.events;

/** Why a ballot does not count, with the status it leads to and the text officials read. */
public enum InvalidReason {
    INCOMPLETE(BallotStatus.INVALID, "no overall level was marked", "phiếu không đánh dấu mức hài lòng chung"),
    MULTIPLE_MARKS(BallotStatus.INVALID, "several levels were marked for one question",
            "phiếu đánh dấu nhiều mức cho cùng một câu hỏi"),
    UNREADABLE(BallotStatus.INVALID, "the ballot cannot be read", "phiếu không đọc được"),
    OTHER(BallotStatus.INVALID, "the ballot is invalid", "phiếu không hợp lệ"),
    DUPLICATE(BallotStatus.DUPLICATE, "the dossier already has a valid rating",
            "hồ sơ đã có một phiếu đánh giá hợp lệ"),
    DOSSIER_UNKNOWN(BallotStatus.REFUSED, "no such dossier", "không tìm thấy hồ sơ"),
    NOT_RETURNED(BallotStatus.REFUSED, "the dossier's result has not been returned",
            "hồ sơ chưa được trả kết quả"),
    CLOSED_WITHOUT_RESULT(BallotStatus.REFUSED, "the dossier ended without a result (refused, withdrawn or stopped)",
            "hồ sơ đã kết thúc mà không có kết quả (từ chối, rút hoặc dừng xử lý)"),
    WINDOW_CLOSED(BallotStatus.REFUSED, "the rating window had closed", "đã hết thời hạn đánh giá"),
    NOT_ONLINE_DOSSIER(BallotStatus.REFUSED, "the online channel is for dossiers submitted online",
            "kênh trực tuyến chỉ dành cho hồ sơ nộp trực tuyến");

    private final BallotStatus status;
    private final String text;
    private final String textVi;

    InvalidReason(BallotStatus status, String text, String textVi) {
        this.status = status;
        this.text = text;
        this.textVi = textVi;
    }

    public BallotStatus status() {
        return status;
    }

    public String text() {
        return text;
    }

    public String textVi() {
        return textVi;
    }
}
