package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.RoleBinding;
import dev.orc.api.model.RoleRef;
import dev.orc.api.model.Subject;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orc auth can-i} answers as the server's RBAC enforces: yes with exit 0, no with exit 1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthCanITest {
    private Path dir;
    private Store store;
    private ApiServer server;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("orc-can-i");
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, "admin-token,admin,admin,\"system:masters\"\njane-token,jane\n");
        store = SqliteStore.open(dir.resolve("store"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(TokenAuthenticator.fromFile(tokens)).withRbac());
        ApiClient admin = ApiClient.connect(new ClientConfig(server.url(), "admin-token", null, "default"));
        ObjectNode namespace = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
        namespace.putObject("metadata").put("name", "shop");
        admin.create(ResourceTypes.NAMESPACE, null, namespace, WriteOptions.defaults());
        admin.create(ResourceTypes.ROLE_BINDING, "shop", (ObjectNode) Json.tree(RoleBinding.of(
                ObjectMeta.named("jane-views").withNamespace("shop"), List.of(Subject.user("jane")),
                RoleRef.clusterRole("view"))), WriteOptions.defaults());
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void aViewerMayListButNotCreateInItsNamespaceAndNotListElsewhere() {
        assertThat(canI("jane-token", "list", "pods", "-n", "shop")).isEqualTo(new CommandRun(0, "yes\n", ""));
        assertThat(canI("jane-token", "get", "deploy/web", "-n", "shop").out()).isEqualTo("yes\n");
        assertThat(canI("jane-token", "create", "pods", "-n", "shop")).isEqualTo(new CommandRun(1, "no\n", ""));
        assertThat(canI("jane-token", "list", "pods", "-n", "default").out()).isEqualTo("no\n");
        assertThat(canI("jane-token", "get", "pods", "--subresource", "log", "-n", "shop").out()).isEqualTo("yes\n");
        assertThat(canI("jane-token", "get", "/version").out()).isEqualTo("yes\n");
        assertThat(canI("jane-token", "get", "/metrics").out()).isEqualTo("no\n");
    }

    @Test
    void anAdminMayDoEverything() {
        assertThat(canI("admin-token", "delete", "nodes").out()).isEqualTo("yes\n");
        assertThat(canI("admin-token", "create", "clusterrolebindings", "-A").out()).isEqualTo("yes\n");
    }

    private CommandRun canI(String token, String... args) {
        String[] full = new String[args.length + 6];
        full[0] = "auth";
        full[1] = "can-i";
        System.arraycopy(args, 0, full, 2, args.length);
        full[args.length + 2] = "--server";
        full[args.length + 3] = server.url().toString();
        full[args.length + 4] = "--token";
        full[args.length + 5] = token;
        return CommandRun.inHome(dir.resolve("home"), full);
    }
}
