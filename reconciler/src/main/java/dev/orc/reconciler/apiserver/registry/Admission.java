package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.status.ApiException;
import dev.orc.api.validation.Problem;

import java.util.List;

/**
 * The seam where every create and update passes before it is stored: it may default the object and
 * rejects it with {@link ApiException.Invalid} (422, one cause per problem) when it is not acceptable.
 * Schema validation and defaulting plug in here ({@link #then}).
 */
@FunctionalInterface
public interface Admission {
    /**
     * Returns the object to store (the incoming tree, possibly defaulted in place).
     *
     * @param existingOrNull the stored object on update, {@code null} on create
     */
    ObjectNode admit(ResourceType type, ObjectNode incoming, ObjectNode existingOrNull);

    default Admission then(Admission next) {
        return (type, incoming, existing) -> next.admit(type, admit(type, incoming, existing), existing);
    }

    /** Throws Invalid carrying every error of {@code problems}; warnings do not reject. */
    static void rejectErrors(ResourceType type, ObjectNode object, List<Problem> problems) {
        List<ApiException.Cause> causes = problems.stream().filter(Problem::isError)
                .map(p -> ApiException.Cause.invalid(p.path(), p.message()))
                .toList();
        if (!causes.isEmpty()) {
            throw new ApiException.Invalid(type, Meta.name(object), causes);
        }
    }
}
