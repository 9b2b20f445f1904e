package io.switchboard.notification.curator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The special-purpose address blocks of IANA's IPv4 and IPv6 registries, and the transition forms that carry an IPv4
 * address inside an IPv6 one (IPv4-mapped, -compatible and -translated, NAT64, 6to4, Teredo): a curator's webhook may
 * reach none of them, since each is either not the public internet or a way back into a private network (the metadata
 * address 169.254.169.254 behind NAT64 in an IPv6-only cluster, for one).
 */
final class SpecialAddresses {

    private record Block(byte[] prefix, int bits, String name) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Block> BLOCKS = List.of(
            // IPv4 (RFC 6890 and its updates)
            block("0.0.0.0/8", "'this network'"),
            block("10.0.0.0/8", "private"),
            block("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "private"),
            block("192.0.0.0/24", "IETF protocol assignments"),
            block("192.0.2.0/24", "documentation"),
            block("192.31.196.0/24", "AS112"),
            block("192.52.193.0/24", "AMT"),
            block("192.88.99.0/24", "6to4 relay anycast"),
            block("192.168.0.0/16", "private"),
            block("192.175.48.0/24", "AS112 direct delegation"),
            block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation"),
            block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved"),
            block("255.255.255.255/32", "limited broadcast"),
            // IPv6 (RFC 6890 and its updates)
            block("::/128", "unspecified"),
            block("::1/128", "loopback"),
            block("::ffff:0:0/96", "IPv4-mapped"),
            block("::ffff:0:0:0/96", "IPv4-translated"),
            block("::/96", "IPv4-compatible"),
            block("64:ff9b::/96", "NAT64"),
            block("64:ff9b:1::/48", "local-use NAT64"),
            block("100::/64", "discard-only"),
            block("2001::/23", "IETF protocol assignments (Teredo among them)"),
            block("2001:db8::/32", "documentation"),
            block("2002::/16", "6to4"),
            block("2620:4f:8000::/48", "AS112"),
            block("3fff::/20", "documentation"),
            block("5f00::/16", "segment routing"),
            block("fc00::/7", "unique local"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "site-local"),
            block("ff00::/8", "multicast"));

    private SpecialAddresses() {}

    /** The special-purpose block the address is in, named; empty for an address on the public internet. */
    public static Optional<String> of(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Block block : BLOCKS) {
            if (block.contains(bytes)) {
                return Optional.of(block.name());
            }
        }
        return Optional.empty();
    }

    private static Block block(String cidr, String name) {
        int slash = cidr.indexOf('/');
        try {
            // A literal, never looked up: InetAddress parses it, and keeps IPv4-mapped literals as IPv6 bytes here.
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.startsWith("::ffff:0:0/")) {
                prefix = new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0};
            }
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), name);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}
