package io.switchboard.simulator.channel;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.switchboard.simulator.http.ApiKeyRequired;
import io.switchboard.simulator.http.ProviderException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The QR code a phone would scan, while the channel waits for one. Each session start gives a new code. */
@Path("/v1/channels/{id}/qr")
@ApiKeyRequired
@Tag(name = "Provider API")
public class QrCodeResource {

    private static final int SIZE = 264;

    private final ChannelRegistry registry;

    public QrCodeResource(ChannelRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces("image/png")
    public byte[] qr(@PathParam("id") String id) {
        SimulatedChannel channel = registry.get(id);
        String content;
        synchronized (channel) {
            if (channel.status() != HealthStatus.QR) {
                throw ProviderException.conflict("channel is not waiting for a QR scan (status " + channel.status() + ")");
            }
            content = "sim-qr:" + channel.id() + ":" + channel.startAt();
        }
        return png(content);
    }

    private static byte[] png(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, SIZE, SIZE);
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
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
}
