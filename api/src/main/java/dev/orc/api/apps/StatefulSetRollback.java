package dev.orc.api.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A StatefulSet's history and {@code orc rollout undo}, as kubectl does them: the revisions are the
 * ControllerRevisions it controls, by number; undo writes back the pod template a revision holds, and the controller
 * then makes that revision the newest again.
 */
public final class StatefulSetRollback {
    /** The template to write back, the revision it comes from, and whether the set already has it. */
    public record Result(ObjectNode template, long revision, boolean alreadyCurrent) {
    }

    private StatefulSetRollback() {
    }

    /** The revisions of {@code set} among {@code revisions} (ControllerRevisions of its namespace), oldest first. */
    public static List<TemplateRevision> history(JsonNode set, List<? extends JsonNode> revisions) {
        String uid = set.path("metadata").path("uid").asText();
        List<TemplateRevision> history = new ArrayList<>();
        for (JsonNode revision : revisions) {
            boolean owned = false;
            for (JsonNode ref : revision.path("metadata").path("ownerReferences")) {
                owned |= ref.path("controller").asBoolean(false) && uid.equals(ref.path("uid").asText());
            }
            if (owned) {
                history.add(new TemplateRevision(revision.path("revision").asLong(0),
                        revision.path("metadata").path("annotations").path(DeploymentAnnotations.CHANGE_CAUSE).asText(""),
                        StatefulSetRevision.template(revision.path("data"))));
            }
        }
        history.sort(Comparator.comparingLong(TemplateRevision::number));
        return List.copyOf(history);
    }

    /**
     * @param toRevision the revision to return to; 0 for the one before the newest
     * @throws IllegalArgumentException naming the revision when there is no such revision
     */
    public static Result to(JsonNode set, List<? extends JsonNode> revisions, long toRevision) {
        String name = set.path("metadata").path("name").asText();
        List<TemplateRevision> history = history(set, revisions);
        Optional<TemplateRevision> target;
        if (toRevision == 0) {
            if (history.size() < 2) {
                throw new IllegalArgumentException("no last revision to roll back to");
            }
            target = Optional.of(history.get(history.size() - 2));
        } else {
            target = history.stream().filter(r -> r.number() == toRevision).findFirst();
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException("unable to find specified revision " + toRevision + " in history of "
                    + "statefulset \"" + name + "\"");
        }
        boolean current = Json.same(target.get().template(), set.path("spec").path("template"));
        return new Result(target.get().template(), target.get().number(), current);
    }
}
