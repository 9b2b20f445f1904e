package io.switchboard.notification.curator;

import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a curator's webhook may point: an {@code https} URL on the public internet. Not loopback, private, link-local,
 * carrier-grade NAT, unique-local or multicast addresses, and not names that only mean something inside a network
 * ({@code localhost}, {@code *.local}, {@code *.internal}): a webhook must not become a way into the cluster. A name
 * that does not resolve now is accepted; the delivery checks the address again when it connects.
 */
public final class WebhookTargets {

    private WebhookTargets() {
    }

    /** The URL, normalised; 400 naming {@code webhookUrl} when it may not be used. */
    public static String check(String url, boolean allowLocal) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw refused("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowLocal && scheme.equals("http"))) {
            throw refused("must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw refused("must be https://host[:port]/path, without user info or fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowLocal) {
            if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                    || host.endsWith(".internal") || host.endsWith(".localdomain") || !host.contains(".")
                    && !host.startsWith("[")) {
                throw refused("must name a host on the public internet, not '" + host + "'");
            }
            try {
                internalAddress(host).ifPresent(address -> {
                    throw refused("reaches " + address.getHostAddress() + ", a loopback, private or link-local address");
                });
            } catch (UnknownHostException notResolvedNow) {
                // accepted: the delivery resolves it again at every attempt
            }
        }
        return uri.normalize().toString();
    }

    /** Loopback, private, link-local, CGNAT (100.64/10), unique-local (fc00::/7), any-local or multicast. */
    public static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || first == 100 && second >= 64 && second < 128;
        }
        return address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
    }

    /** The first internal address {@code host} (a name, or an IP literal, IPv6 in brackets) resolves to, if any. */
    public static Optional<InetAddress> internalAddress(String host) throws UnknownHostException {
        for (InetAddress address : InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1)
                : host)) {
            if (internal(address)) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    private static ProblemException refused(String message) {
        return new ProblemException(Problem.invalidField("webhookUrl", message));
    }
}
