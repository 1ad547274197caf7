package dev.orc.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.status.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed client over HTTP: records in, records out, the server's failures as its ApiException. */
class TypedResourceTest {
    private static final String WEB = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
            + "\"namespace\":\"shop\",\"resourceVersion\":\"7\"},\"spec\":{\"replicas\":2}}";
    private static final String NOT_FOUND = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404,"
            + "\"reason\":\"NotFound\",\"message\":\"deployments.apps \\\"web\\\" not found\"}";
    private static final String CONFLICT = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":409,"
            + "\"reason\":\"Conflict\",\"message\":\"the object has been modified\"}";

    private final StubServer stub = newStub();
    private final TypedResource<Deployment> deployments = ApiClient.connect(stub.config()).resource(Deployment.class);

    private static StubServer newStub() {
        try {
            return new StubServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aKindsRecordNamesItsResource() {
        assertThat(deployments.type().plural()).isEqualTo("deployments");
        assertThat(ApiClient.connect(stub.config()).resource(ConfigMap.class).type().kind()).isEqualTo("ConfigMap");
    }

    @Test
    void getAnswersTheRecord() {
        stub.on("GET /apis/apps/v1/namespaces/shop/deployments/web", 200, WEB);

        Deployment web = deployments.get("shop", "web");

        assertThat(web.metadata().resourceVersion()).isEqualTo("7");
        assertThat(web.spec().replicas()).isEqualTo(2);
    }

    @Test
    void findOfAMissingObjectIsEmptyAndOtherFailuresAreThrown() {
        stub.on("GET /apis/apps/v1/namespaces/shop/deployments/web", 404, NOT_FOUND);
        assertThat(deployments.find("shop", "web")).isEmpty();

        stub.on("GET /apis/apps/v1/namespaces/shop/deployments/web", 409, CONFLICT);
        assertThatThrownBy(() -> deployments.find("shop", "web"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isConflict()).isTrue());
    }

    @Test
    void aRecordIsSentAsItsJsonToItsNamespacesCollection() {
        stub.on("POST /apis/apps/v1/namespaces/shop/deployments", 201, WEB);
        Deployment web = Json.convert(Json.parse(WEB), Deployment.class);

        Deployment created = deployments.create(web.withMetadata(ObjectMeta.of("shop", "web")));

        assertThat(Json.parse(stub.last().body()).at("/metadata/name").asText()).isEqualTo("web");
        assertThat(Json.parse(stub.last().body()).at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(created.metadata().resourceVersion()).isEqualTo("7");
    }

    @Test
    void aTreeKeepsTheFieldsTheRecordDoesNotModel() {
        stub.on("PUT /apis/apps/v1/namespaces/shop/deployments/web/status", 200, WEB);
        ObjectNode tree = (ObjectNode) Json.parse(WEB);
        tree.withObjectProperty("spec").put("notModelled", "kept");

        deployments.updateStatus(tree);

        assertThat(Json.parse(stub.last().body()).at("/spec/notModelled").asText()).isEqualTo("kept");
    }

    @Test
    void aStaleUpdateIsAConflict() {
        stub.on("PUT /apis/apps/v1/namespaces/shop/deployments/web", 409, CONFLICT);
        Deployment web = Json.convert(Json.parse(WEB), Deployment.class);

        assertThatThrownBy(() -> deployments.update(web))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isConflict()).isTrue());
    }

    @Test
    void deleteIfPresentTakesAnObjectAlreadyGoneOrReplacedAsNothingToDo() {
        stub.on("DELETE /apis/apps/v1/namespaces/shop/deployments/web", 404, NOT_FOUND);
        assertThat(deployments.deleteIfPresent("shop", "web", DeleteOptions.defaults())).isFalse();

        stub.on("DELETE /apis/apps/v1/namespaces/shop/deployments/web", 409, CONFLICT);
        assertThat(deployments.deleteIfPresent("shop", "web", DeleteOptions.defaults().withPreconditionUid("u1"))).isFalse();
        assertThatThrownBy(() -> deployments.deleteIfPresent("shop", "web", DeleteOptions.defaults()))
                .as("a conflict without a uid precondition is not the object being gone")
                .isInstanceOf(ApiException.class);

        stub.on("DELETE /apis/apps/v1/namespaces/shop/deployments/web", 200, WEB);
        assertThat(deployments.deleteIfPresent("shop", "web", DeleteOptions.defaults())).isTrue();
        assertThat(Json.parse(stub.last().body()).at("/kind").asText()).isEqualTo("DeleteOptions");
    }

    @Test
    void aNamespacedRecordWithoutANamespaceIsRefusedBeforeSending() {
        ConfigMap orphan = ConfigMap.of(ObjectMeta.named("settings"), Map.of());

        assertThatThrownBy(() -> ApiClient.connect(stub.config()).resource(ConfigMap.class).create(orphan))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
    }
}
