package io.switchboard.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A real SMTP server (GreenMail) in the test JVM; the service's mailer sends to it. */
public class MailServer implements QuarkusTestResourceLifecycleManager {

    /** A mail as its receiver reads it. */
    public record ReceivedMail(String to, String subject, String text, String notificationId) {}

    private static GreenMail server;

    @Override
    public Map<String, String> start() {
        int port = freePort();
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return Map.of(
                "quarkus.mailer.mock",
                "false",
                "quarkus.mailer.host",
                "127.0.0.1",
                "quarkus.mailer.port",
                Integer.toString(port),
                "quarkus.mailer.start-tls",
                "DISABLED");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Every mail received so far for this address, in the order received. */
    public static List<ReceivedMail> to(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .map(MailServer::read)
                .filter(mail -> mail.to().equalsIgnoreCase(address))
                .toList();
    }

    private static ReceivedMail read(MimeMessage message) {
        try {
            Object content = message.getContent();
            String[] id = message.getHeader("X-Switchboard-Notification-Id");
            return new ReceivedMail(
                    message.getRecipients(Message.RecipientType.TO)[0].toString(),
                    message.getSubject(),
                    content.toString().strip().replace("\r\n", "\n"),
                    id == null ? null : id[0]);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
