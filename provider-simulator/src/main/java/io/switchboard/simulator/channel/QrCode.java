package io.switchboard.simulator.channel;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** One QR code of a channel: what it encodes, when it expires (epoch seconds), and whether it already did. */
public record QrCode(String content, long expire, boolean expired) {

    private static final int SIZE = 264;

    QrCode expiredAt(long epochSecond) {
        return new QrCode(content, epochSecond, true);
    }

    /** As the provider names it in {@code channels.patch}. */
    public String status() {
        return expired ? "expired" : "active";
    }

    /** The image; the same content always gives the same bytes, so the webhook and the QR endpoint agree. */
    public byte[] png() {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, SIZE, SIZE);
            BufferedImage image =
                    new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int x = 0; x < matrix.getWidth(); x++) {
                for (int y = 0; y < matrix.getHeight(); y++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(png());
    }
}
