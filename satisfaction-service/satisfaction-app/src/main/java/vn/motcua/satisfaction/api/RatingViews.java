package vn.motcua.satisfaction.api;

import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.satisfaction.app.Ratings;
import vn.motcua.satisfaction.domain.Scale;
import vn.motcua.satisfaction.events.BallotStatus;
import vn.motcua.satisfaction.events.InvalidReason;
import vn.motcua.satisfaction.store.RatingEntity;

/** Turns stored ratings into what callers read, with the message an official or citizen sees. */
@ApplicationScoped
public class RatingViews {
    private final Ratings ratings;

    public RatingViews(Ratings ratings) {
        this.ratings = ratings;
    }

    public Views.RatingView view(RatingEntity r) {
        InvalidReason reason = r.reason == null ? null : InvalidReason.valueOf(r.reason);
        String[] msg = message(r.status, reason);
        return new Views.RatingView(r.id, r.dossierCode, r.unitCode, r.channel, r.status, r.reason,
                reason == null ? null : reason.text(), reason == null ? null : reason.textVi(), r.criteriaSetCode,
                r.criteriaSetVersion, ratings.answerMap(r), r.overall, r.overall == null ? null : Scale.satisfied(r.overall),
                r.comment, r.complaint, r.ballotNumber, r.collectedAt, r.submittedAt, r.submittedBy, r.pendingUntil,
                r.decidedAt, msg[0], msg[1]);
    }

    public Views.PublicResult publicResult(RatingEntity r) {
        String[] msg = message(r.status, r.reason == null ? null : InvalidReason.valueOf(r.reason));
        return new Views.PublicResult(r.id, r.status, r.reason, msg[0], msg[1], r.pendingUntil);
    }

    static String[] message(String status, InvalidReason reason) {
        return switch (BallotStatus.valueOf(status)) {
            case VALID -> new String[]{"Thank you: your rating was recorded",
                    "Cảm ơn ông/bà đã đánh giá: ý kiến đã được ghi nhận"};
            case PENDING -> new String[]{"Your rating was received; it is counted once the return of the result is "
                    + "confirmed", "Đánh giá đã được tiếp nhận và sẽ được ghi nhận khi xác nhận hồ sơ đã trả kết quả"};
            case INVALID -> new String[]{"The ballot was kept as invalid: " + reason.text(),
                    "Phiếu được lưu là phiếu không hợp lệ: " + reason.textVi()};
            case DUPLICATE -> new String[]{"The ballot was kept as a duplicate and is not counted: " + reason.text(),
                    "Phiếu được lưu là phiếu trùng, không được tính: " + reason.textVi()};
            case REFUSED -> new String[]{"The rating was not accepted: " + reason.text(),
                    "Đánh giá không được chấp nhận: " + reason.textVi()};
        };
    }
}
