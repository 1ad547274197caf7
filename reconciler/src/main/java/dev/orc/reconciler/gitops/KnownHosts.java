package dev.orc.reconciler.gitops;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host keys of a GitSource's secret ({@code known_hosts}), checked strictly: a server whose key is not
 * listed for its host, or is listed as revoked, is refused, and nothing is ever added. The reason of the last
 * refusal is kept for the fetch's error message (it names the host and the offered key's fingerprint).
 */
final class KnownHosts implements ServerKeyDatabase {
    private static final String REVOKED = "revoked";

    private record Entry(KnownHostEntry entry, PublicKey key) {
    }

    private final List<Entry> entries;
    private final AtomicReference<String> refusal = new AtomicReference<>();

    private KnownHosts(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses known_hosts text; {@code where} names its origin in messages (e.g. the secret's key). */
    static KnownHosts parse(String text, String where) throws GitFetchException {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line);
                if (entry == null || entry.getKeyEntry() == null) {
                    throw new IllegalArgumentException("no key");
                }
                entries.add(new Entry(entry, entry.getKeyEntry().resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING)));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new GitFetchException(where + ": line " + (i + 1) + " is not a known_hosts entry (host key-type base64-key)");
            }
        }
        if (entries.isEmpty()) {
            throw new GitFetchException(where + ": has no host keys");
        }
        return new KnownHosts(entries);
    }

    /** Why the last server key was refused, if it was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal.get());
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        HostPort target = HostPort.parse(connectAddress);
        return entries.stream()
                .filter(e -> e.entry().getMarker() == null && e.entry().isHostMatch(target.host(), target.port()))
                .map(Entry::key)
                .toList();
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey, Configuration config,
                          CredentialsProvider provider) {
        HostPort target = HostPort.parse(connectAddress);
        List<Entry> forHost = entries.stream().filter(e -> e.entry().isHostMatch(target.host(), target.port())).toList();
        String offered = KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey);
        if (forHost.stream().anyMatch(e -> REVOKED.equals(e.entry().getMarker()) && KeyUtils.compareKeys(e.key(), serverKey))) {
            refusal.set("the host key of " + connectAddress + " (" + offered + ") is marked @revoked in known_hosts");
            return false;
        }
        if (forHost.stream().anyMatch(e -> e.entry().getMarker() == null && KeyUtils.compareKeys(e.key(), serverKey))) {
            refusal.set(null);
            return true;
        }
        refusal.set(forHost.isEmpty()
                ? "host " + connectAddress + " is not in known_hosts (it offered " + offered + "); add its key to the secret's known_hosts"
                : "the host key of " + connectAddress + " (" + offered + ") does not match known_hosts; the server's key changed"
                        + " or this is not the expected server");
        return false;
    }

    /** A JGit connect address: {@code host} (port 22) or {@code [host]:port}. */
    private record HostPort(String host, int port) {
        static HostPort parse(String address) {
            if (address.startsWith("[")) {
                int close = address.indexOf(']');
                if (close > 0) {
                    String rest = address.substring(close + 1);
                    int port = rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : 22;
                    return new HostPort(address.substring(1, close), port);
                }
            }
            return new HostPort(address, 22);
        }
    }
}
