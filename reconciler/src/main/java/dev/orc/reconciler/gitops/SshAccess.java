package dev.orc.reconciler.gitops;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ssh side of one fetch: the secret's private key (held in memory, never written out) as the only
 * identity, its known_hosts as the only trusted host keys, public-key authentication only, no agent, and
 * nothing read from the server's own ~/.ssh ({@code home} is an empty folder that stands in for it).
 */
final class SshAccess implements AutoCloseable {
    private final SshdSessionFactory factory;
    private final KnownHosts knownHosts;

    private SshAccess(SshdSessionFactory factory, KnownHosts knownHosts) {
        this.factory = factory;
        this.knownHosts = knownHosts;
    }

    static SshAccess open(GitCredentials.SshKey key, Path home) throws GitFetchException {
        List<KeyPair> identities = identities(key);
        KnownHosts knownHosts = KnownHosts.parse(key.knownHosts(), "spec.secretRef: known_hosts");
        SshdSessionFactory factory = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.toFile())
                .setPreferredAuthentications("publickey")
                .setDefaultKeysProvider(ignored -> identities)
                .setServerKeyDatabase((ignoredHome, ignoredSshDir) -> knownHosts)
                .build(null);
        return new SshAccess(factory, knownHosts);
    }

    /** Makes an ssh transport use this access; other transports are left alone. */
    void configure(Transport transport) {
        if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(factory);
        }
    }

    /** Why the server's host key was refused, if it was. */
    Optional<String> hostKeyRefusal() {
        return knownHosts.refusal();
    }

    @Override
    public void close() {
        factory.close();
    }

    private static List<KeyPair> identities(GitCredentials.SshKey key) throws GitFetchException {
        FilePasswordProvider passphrase = key.passphrase().isEmpty() ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(key.passphrase());
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(key.privateKey().getBytes(StandardCharsets.UTF_8))) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("ssh-privatekey"), in, passphrase);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new GitFetchException("spec.secretRef: the ssh private key cannot be read ("
                    + (key.passphrase().isEmpty() ? "is it encrypted without an ssh-passphrase, or " : "is ssh-passphrase wrong, or ")
                    + "not in OpenSSH or PEM format?)");
        }
        if (pairs.isEmpty()) {
            throw new GitFetchException("spec.secretRef: the ssh private key holds no key (expected OpenSSH or PEM format)");
        }
        return List.copyOf(pairs);
    }
}
