package dev.orc.reconciler.gitops;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.git.GitLocationResolver;
import org.apache.sshd.git.pack.GitPackCommandFactory;
import org.apache.sshd.server.SshServer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;

/**
 * A Git server over ssh on loopback, as GitHub or Gitea would be: it serves the repositories under a folder
 * to user "git" authenticated by one public key, and shows its own host key.
 */
final class SshGitServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;

    private SshGitServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    static SshGitServer start(Path root, PublicKey authorized) throws Exception {
        KeyPair hostKey = rsaKey();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> "git".equals(user) && KeyUtils.compareKeys(key, authorized));
        server.setCommandFactory(new GitPackCommandFactory(GitLocationResolver.constantPath(root)));
        server.start();
        return new SshGitServer(server, hostKey);
    }

    static KeyPair rsaKey() throws Exception {
        return KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048);
    }

    static KeyPair ed25519Key() throws Exception {
        return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    }

    /** The private key as an OpenSSH key file, encrypted with the passphrase unless it is empty. */
    static String openSsh(KeyPair key, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = null;
        if (!passphrase.isEmpty()) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName(OpenSSHKeyEncryptionContext.AES);
            encryption.setCipherType("256");
            encryption.setCipherMode("CTR");
            encryption.setKdfRounds(2);
            encryption.setPassword(passphrase);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "orc-test", encryption, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    int port() {
        return server.getPort();
    }

    /** The ssh:// URL of a repository under the root. */
    String url(String repository) {
        return "ssh://git@127.0.0.1:" + port() + "/" + repository;
    }

    /** The known_hosts line for this server's host key. */
    String knownHosts() {
        return knownHostsLine(hostKey.getPublic());
    }

    /** A known_hosts line that names this server but with another key. */
    String knownHostsLine(PublicKey key) {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key) + "\n";
    }

    @Override
    public void close() throws Exception {
        server.stop(true);
    }
}
