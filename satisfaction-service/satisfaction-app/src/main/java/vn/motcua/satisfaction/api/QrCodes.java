package vn.motcua.satisfaction.api;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * QR code images for rating links, printed on receipts: medium error correction survives a smudged print.
 *
 * <p>About one link in 150 gets, with the writer's chosen mask, a pattern the common phone decoder (the same library's
 * reader, without hints) does not find at all: data that looks like a finder pattern. The image is checked with that
 * reader and, if it is not read, made again with another mask; any mask is a valid QR code, only easier to find.
 */
final class QrCodes {
    private static final int MASKS = 8;

    private QrCodes() {
    }

    static byte[] png(String text, int size) {
        try {
            Map<EncodeHintType, Object> hints = new HashMap<>(Map.of(EncodeHintType.ERROR_CORRECTION,
                    ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2, EncodeHintType.CHARACTER_SET, "UTF-8"));
            BufferedImage first = image(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints));
            BufferedImage chosen = first;
            for (int mask = 0; mask < MASKS && !readable(chosen, text); mask++) {
                hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
                chosen = image(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(readable(chosen, text) ? chosen : first, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage image(BitMatrix m) {
        BufferedImage image = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                image.setRGB(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        return image;
    }

    /** Whether a reader that looks for the code in the picture, as a phone does, finds it and reads the text. */
    static boolean readable(BufferedImage image, String text) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        try {
            return text.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText());
        } catch (ReaderException e) {
            return false;
        }
    }
}
