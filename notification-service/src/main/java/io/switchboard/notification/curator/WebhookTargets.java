package io.switchboard.notification.curator;

import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a curator's webhook may point: an {@code https} URL on the public internet, on a valid port. Not a name that
 * only means something inside a network ({@code localhost}, {@code *.local}, {@code *.internal}, a single label), and
 * no address of a special-purpose block ({@link SpecialAddresses}): a webhook must not become a way into the cluster.
 * A name that does not resolve now is accepted; every delivery resolves it again, checks what it resolved to and
 * connects to exactly that address.
 */
public final class WebhookTargets {

    private WebhookTargets() {}

    /** A webhook URL taken apart: the host to resolve and the port to connect to. */
    public record Target(URI uri, String host, int port, boolean https) {

        /** The path and query to ask for. */
        public String pathAndQuery() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** The URL, normalised; 400 naming {@code webhookUrl} when it may not be used. */
    public static String check(String url, boolean allowLocal, HostResolver resolver) {
        Target target = parse(url, allowLocal);
        if (!allowLocal) {
            try {
                refusal(
                                target.host(),
                                resolver.resolve(target.host())
                                        .toCompletableFuture()
                                        .join())
                        .ifPresent(why -> {
                            throw refused(why);
                        });
            } catch (java.util.concurrent.CompletionException notResolvedNow) {
                if (notResolvedNow.getCause() instanceof ProblemException problem) {
                    throw problem;
                }
                // accepted: a name that does not resolve now is resolved again at every delivery
            }
        }
        return target.uri().toString();
    }

    /** The URL's parts; 400 naming {@code webhookUrl} when it is not one a webhook may have. */
    public static Target parse(String url, boolean allowLocal) {
        URI uri;
        try {
            uri = new URI(url.strip()).normalize();
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
        int port = uri.getPort();
        if (port != -1 && (port < 1 || port > 65535)) {
            throw refused("has port " + port + "; a port is 1 to 65535");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowLocal
                && (host.equals("localhost")
                        || host.endsWith(".localhost")
                        || host.endsWith(".local")
                        || host.endsWith(".internal")
                        || host.endsWith(".localdomain")
                        || host.endsWith(".arpa")
                        || !host.contains(".") && !host.startsWith("["))) {
            throw refused("must name a host on the public internet, not '" + host + "'");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new Target(uri, bare, port != -1 ? port : scheme.equals("https") ? 443 : 80, scheme.equals("https"));
    }

    /** Why a delivery may not go to these addresses of {@code host} (any special-purpose one), or empty. */
    public static Optional<String> refusal(String host, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            Optional<String> special = SpecialAddresses.of(address);
            if (special.isPresent()) {
                return Optional.of("reaches " + address.getHostAddress()
                        + (host.equals(address.getHostAddress()) ? "" : " (" + host + ")") + ", a " + special.get()
                        + " address, not the public internet");
            }
        }
        return Optional.empty();
    }

    private static ProblemException refused(String message) {
        return new ProblemException(Problem.invalidField("webhookUrl", message));
    }
}
