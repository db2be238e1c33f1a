package vn.motcua.dossier.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.motcua.dossier.domain.Types.Channel;
import vn.motcua.dossier.domain.Types.Outcome;
import vn.motcua.dossier.domain.Types.PaymentChannel;
import vn.motcua.dossier.domain.Types.ReturnChannel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Command bodies. Field checks here (with English and Vietnamese messages) are the first line; the dossier's rules
 * (domain) are the second and say which rule refused.
 */
public final class Requests {
    private Requests() {
    }

    static final String UNIT_CODE = vn.motcua.catalog.events.CatalogLimits.CODE; // the catalog's, declared once
    static final String UNIT_MSG = "must be a unit code such as 000.00.20.H40 (mã đơn vị không hợp lệ)";
    static final String DIGITISED = "Which of the documents were digitised (thành phần hồ sơ đã số hóa: scanned at the desk or received as electronic files), by the same names; each must be one of the documents. Leave it out when not known; an empty list says none was.";

    @Schema(description = "The applicant (người nộp hồ sơ). Personal data: visible to the dossier's units only.")
    public record ApplicantIn(
            @NotBlank(message = "is required (họ tên người nộp là bắt buộc)") @Size(max = 200) String fullName,
            @NotNull(message = "is required (số định danh cá nhân là bắt buộc)")
            @Pattern(regexp = "(0(0[1-9]|[1-8][0-9]|9[0-6]))[0-9]{9}",
                    message = "must be the 12-digit personal identification number, starting with a province code 001-096 (số định danh cá nhân gồm 12 chữ số, bắt đầu bằng mã tỉnh 001-096)")
            String personalId,
            @Pattern(regexp = "(\\+84|0)[0-9]{9,10}", message = "must be a Vietnamese phone number such as 0912345678 (số điện thoại không hợp lệ)")
            String phone,
            @Email(message = "must be an e-mail address (địa chỉ thư điện tử không hợp lệ)") @Size(max = 200) String email,
            @Schema(description = "How the applicant wants to be told of the receipt, a supplement request, a refusal, an apology, a stop and the result (cách nhận thông báo): EMAIL, SMS or NONE (the desk tells them). Default: e-mail if an address is given, else SMS if a phone is given, else none.")
            vn.motcua.dossier.domain.Types.NoticeChannel notifyBy) {
    }

    @Schema(description = "Receive a complete dossier (tiếp nhận hồ sơ): it gets a code, a receipt secret and a due date.")
    public record Receive(
            @NotBlank(message = "is required (mã thủ tục là bắt buộc)") @Size(max = vn.motcua.catalog.events.CatalogLimits.CODE_MAX) String procedureCode,
            @NotBlank(message = "is required (đơn vị tiếp nhận là bắt buộc)") @Pattern(regexp = UNIT_CODE, message = UNIT_MSG) String receivingUnit,
            @NotBlank(message = "is required (đơn vị giải quyết là bắt buộc)") @Pattern(regexp = UNIT_CODE, message = UNIT_MSG) String competentUnit,
            @NotNull(message = "is required: COUNTER, ONLINE or POSTAL (hình thức nộp là bắt buộc)") Channel channel,
            @NotNull(message = "is required (thông tin người nộp là bắt buộc)") @Valid ApplicantIn applicant,
            @Size(max = 100) List<@NotBlank @Size(max = 500) String> documents,
            @Schema(description = DIGITISED) @Size(max = 100) List<@NotBlank @Size(max = 500) String> digitisedDocuments,
            @Schema(description = "When the applicant submitted (online or postal: may be earlier than reception)") Instant submittedAt,
            @Schema(description = "When the desk received the dossier; default now; never in the future") Instant receivedAt) {
    }

    @Schema(description = "Refuse a dossier at reception (từ chối tiếp nhận): it is recorded, never timed.")
    public record RefuseAtReception(
            @NotBlank(message = "is required (mã thủ tục là bắt buộc)") @Size(max = vn.motcua.catalog.events.CatalogLimits.CODE_MAX) String procedureCode,
            @NotBlank(message = "is required (đơn vị tiếp nhận là bắt buộc)") @Pattern(regexp = UNIT_CODE, message = UNIT_MSG) String receivingUnit,
            @Pattern(regexp = UNIT_CODE, message = UNIT_MSG) String competentUnit,
            @NotNull(message = "is required: COUNTER, ONLINE or POSTAL (hình thức nộp là bắt buộc)") Channel channel,
            @NotNull(message = "is required (thông tin người nộp là bắt buộc)") @Valid ApplicantIn applicant,
            Instant submittedAt,
            @NotBlank(message = "is required (lý do từ chối là bắt buộc)") @Size(max = 2000) String reason) {
    }

    @Schema(description = "Ask the applicant for missing documents (yêu cầu bổ sung, hoàn thiện hồ sơ)")
    public record RequestSupplement(
            @NotEmpty(message = "must list what is missing (phải nêu giấy tờ cần bổ sung)") @Size(max = 50)
            List<@NotBlank @Size(max = 500) String> missing,
            @Schema(description = "The date the applicant is asked to bring the documents by (hạn bổ sung); told to them in the notice")
            LocalDate supplyBy) {
    }

    @Schema(description = "The applicant brought the missing documents; the processing time restarts")
    public record SupplySupplement(@Size(max = 100) List<@NotBlank @Size(max = 500) String> documents,
            @Schema(description = DIGITISED) @Size(max = 100) List<@NotBlank @Size(max = 500) String> digitisedDocuments) {
    }

    @Schema(description = "Hand the dossier over to another unit or step (phiếu chuyển xử lý), with that step's deadline")
    public record Transfer(
            @NotBlank(message = "is required (đơn vị nhận là bắt buộc)") @Pattern(regexp = UNIT_CODE, message = UNIT_MSG) String toUnit,
            @Size(max = vn.motcua.dossier.events.DossierLimits.STEP_NAME_MAX) String stepName,
            @Size(max = 200) String officer,
            @Schema(description = "The step's own deadline (hạn xử lý của bước)") Instant stepDeadline) {
    }

    @Schema(description = "Ask another unit's opinion (lấy ý kiến)")
    public record Consult(
            @NotBlank(message = "is required (đơn vị được hỏi ý kiến là bắt buộc)") @Pattern(regexp = UNIT_CODE, message = UNIT_MSG) String consultedUnit,
            @Size(max = 2000) String question,
            Instant replyDeadline) {
    }

    @Schema(description = "The applicant must pay a fee or tax (nghĩa vụ tài chính); the processing clock pauses")
    public record RequestPayment(
            @Positive(message = "must be a positive amount in VND (số tiền phải lớn hơn 0)") long amountVnd,
            @Size(max = 500) String description) {
    }

    @Schema(description = "The payment was made; the clock runs again and the due date moves by the wait")
    public record RecordPayment(
            @Positive(message = "must be a positive amount in VND (số tiền phải lớn hơn 0)") long amountVnd,
            @Size(max = 200) String receiptRef,
            @Schema(description = "How it was paid (hình thức thanh toán): NATIONAL_PORTAL (online through the national public-service portal), PROVINCE_GATEWAY (online through the province's payment gateway) or DESK; leave it out when not known")
            PaymentChannel channel) {
    }

    @Schema(description = "The result is ready (đã có kết quả): granted or denied, with the result document")
    public record RecordResult(
            @NotNull(message = "is required: GRANTED or DENIED (kết quả giải quyết là bắt buộc)") Outcome outcome,
            @Size(max = 200) String resultDocumentRef,
            @Size(max = 200) String officer,
            @Schema(description = "Whether the result was issued as a signed electronic document (kết quả điện tử); leave it out when not known")
            Boolean issuedElectronically) {
    }

    @Schema(description = "Refuse after appraisal (từ chối giải quyết), with the reason")
    public record RefuseAfterAppraisal(
            @NotBlank(message = "is required (lý do từ chối là bắt buộc)") @Size(max = 2000) String reason,
            @Size(max = 200) String officer) {
    }

    @Schema(description = "Apologize in writing and give a new appointment date (văn bản xin lỗi và hẹn lại)")
    public record Apologize(
            @NotBlank(message = "is required (đơn vị có lỗi là bắt buộc)") @Pattern(regexp = UNIT_CODE, message = UNIT_MSG) String unitAtFault,
            @NotBlank(message = "is required (lý do là bắt buộc)") @Size(max = 2000) String reason,
            @NotNull(message = "is required (ngày hẹn trả mới là bắt buộc)") LocalDate newDueDate) {
    }

    @Schema(description = "Hand the result over (trả kết quả)")
    public record ReturnResult(
            @NotNull(message = "is required: COUNTER, POSTAL or ONLINE (hình thức trả kết quả là bắt buộc)") ReturnChannel channel) {
    }

    @Schema(description = "Stop processing (dừng xử lý) or record the applicant's withdrawal (rút hồ sơ)")
    public record Reason(@Size(max = 2000) String reason) {
    }
}
