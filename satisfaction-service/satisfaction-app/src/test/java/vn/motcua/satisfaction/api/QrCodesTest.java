package vn.motcua.satisfaction.api;

import vn.motcua.satisfaction.events.RatingTokens;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rating link's QR code is found and read by a plain phone decoder, whatever the dossier. */
class QrCodesTest {
    @Test
    void everyLinkOfTwoThousandDossiersIsReadBackFromItsPicture() throws Exception {
        // a dossier's token never changes, so a link the decoder cannot find would stay unreadable on its receipt;
        // with the writer's own mask about one in 150 was not found (12 of these 2,000 links)
        var tokens = new RatingTokens("a key for the QR code test");
        var random = new Random(20261207);
        List<String> unread = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String url = "https://danhgia.motcua.vn/r/" + tokens.issue(new UUID(random.nextLong(), random.nextLong()));
            if (!url.equals(read(QrCodes.png(url, 300)))) {
                unread.add(url);
            }
        }
        assertThat(unread).as("%d links not read", unread.size()).isEmpty();
    }

    /** What a phone's decoder reads from the picture (it looks for the code, no hint that the picture is clean). */
    static String read(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
        } catch (ReaderException e) {
            return null;
        }
    }

    @Test
    void everySizeTheApiAllowsIsReadable() throws Exception {
        String url = "https://danhgia.motcua.vn/r/" + new RatingTokens("a key for the QR code test").issue(UUID.randomUUID());
        for (int size : new int[] {120, 121, 299, 300, 777, 1200}) {
            var picture = ImageIO.read(new ByteArrayInputStream(QrCodes.png(url, size)));
            assertThat(picture.getWidth()).isEqualTo(size);
            assertThat(read(QrCodes.png(url, size))).as("size %d", size).isEqualTo(url);
        }
    }
}
