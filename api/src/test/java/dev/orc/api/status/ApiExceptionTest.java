package dev.orc.api.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ApiExceptionTest {
    static Stream<ApiException> failures() {
        return Stream.of(
                new ApiException.NotFound(ResourceTypes.DEPLOYMENT, "web"),
                new ApiException.NotFound("no GitSources in namespace team-a"),
                new ApiException.AlreadyExists(ResourceTypes.CONFIG_MAP, "settings"),
                new ApiException.Conflict(ResourceTypes.POD, "web-1", "the object has been modified"),
                new ApiException.Conflict(ResourceTypes.DEPLOYMENT, "web", "Apply failed with 1 conflict",
                        List.of(new ApiException.Cause("FieldManagerConflict", "conflict with \"kubectl\"",
                                ".spec.replicas"))),
                new ApiException.Invalid(ResourceTypes.DEPLOYMENT, "web",
                        List.of(ApiException.Cause.invalid("spec.replicas", "must be greater than or equal to 0"))),
                new ApiException.Unprocessable("the path /spec/x does not exist"),
                new ApiException.BadRequest("the body is not JSON"),
                new ApiException.Unauthorized(),
                new ApiException.Forbidden("pods is forbidden: User \"jane\" cannot list resource \"pods\"", "",
                        "pods", null),
                new ApiException.Gone("Expired", "too old resource version: 5 (90)"),
                new ApiException.RequestEntityTooLarge(1024),
                new ApiException.MethodNotAllowed("PUT", "/api/v1/pods"),
                new ApiException.UnsupportedMediaType("text/plain"),
                new ApiException.NotAcceptable("application/com.github.proto-openapi.spec.v3@v1.0+protobuf",
                        "application/json"),
                new ApiException.TooManyRequests("Cannot evict pod", 10,
                        List.of(new ApiException.Cause("DisruptionBudget", "needs 2 healthy pods", null))),
                new ApiException.TooManyRequests("too many watches"),
                new ApiException.Timeout("the request did not complete within 60s"),
                new ApiException.ServiceUnavailable("the store is unavailable"),
                new ApiException.InternalError("boom"),
                new ApiException.Failure(418, "Teapot", "short and stout"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aClientReadsBackTheSameFailureTheServerAnswered(ApiException sent) {
        ObjectNode status = sent.toStatus();

        ApiException read = ApiException.fromResponse(sent.code(), Json.bytes(status));

        assertThat(read).isExactlyInstanceOf(sent.getClass());
        assertThat(read.code()).isEqualTo(sent.code());
        assertThat(read.reason()).isEqualTo(sent.reason());
        assertThat(read.statusMessage()).isEqualTo(sent.statusMessage());
        assertThat(read.getMessage()).isEqualTo(sent.getMessage());
        assertThat(read.details()).isEqualTo(sent.details());
        assertThat(read.toStatus()).isEqualTo(status);
    }

    @Test
    void aStatusCarriesTheObjectItsFieldsAndWhenToRetry() {
        ObjectNode status = new ApiException.TooManyRequests("Cannot evict pod", 10,
                List.of(new ApiException.Cause("DisruptionBudget", "needs 2 healthy pods", null))).toStatus();

        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("status").asText()).isEqualTo("Failure");
        assertThat(status.path("code").asInt()).isEqualTo(429);
        assertThat(status.path("details").path("retryAfterSeconds").asInt()).isEqualTo(10);
        assertThat(status.path("details").path("causes").get(0).has("field")).isFalse();
        assertThat(new ApiException.NotFound(ResourceTypes.DEPLOYMENT, "web").toStatus().path("details"))
                .isEqualTo(Json.parse("{\"name\":\"web\",\"group\":\"apps\",\"kind\":\"deployments\"}"));
        assertThat(new ApiException.BadRequest("no").toStatus().has("details")).isFalse();
    }

    @Test
    void theMessageNamesEveryFieldAtFaultThatTheStatusMessageLeavesOut() {
        ApiException conflict = new ApiException.Conflict(ResourceTypes.DEPLOYMENT, "web", "Apply failed",
                List.of(new ApiException.Cause("FieldManagerConflict", "conflict with \"kubectl\"", ".spec.replicas")));

        assertThat(conflict.statusMessage()).isEqualTo("Apply failed");
        assertThat(conflict.getMessage()).isEqualTo("Apply failed: .spec.replicas: conflict with \"kubectl\"");
        assertThat(new ApiException.Invalid(ResourceTypes.DEPLOYMENT, "web",
                List.of(ApiException.Cause.invalid("spec.replicas", "must be >= 0"))).getMessage())
                .isEqualTo("Deployment \"web\" is invalid: spec.replicas: must be >= 0");
    }

    @Test
    void anAnswerThatIsNotAStatusStillReadsAsItsCode() {
        ApiException read = ApiException.fromResponse(502, "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8));

        assertThat(read).isInstanceOf(ApiException.Failure.class);
        assertThat(read.reason()).isEqualTo("InternalError");
        assertThat(read.getMessage()).isEqualTo("<html>bad gateway</html>");
        assertThat(ApiException.fromResponse(404, new byte[0])).isInstanceOf(ApiException.NotFound.class)
                .hasMessage("the server answered HTTP 404");
        assertThat(ApiException.unreachable("connection refused", new java.io.IOException("x")).isUnreachable())
                .isTrue();
    }

    @Test
    void anAlreadyExistsIsNoConflictToRetry() {
        ApiException exists = new ApiException.AlreadyExists(ResourceTypes.POD, "p");

        assertThat(exists.isAlreadyExists()).isTrue();
        assertThat(exists.isConflict()).isFalse();
        assertThat(new ApiException.Conflict("modified").isConflict()).isTrue();
    }
}
