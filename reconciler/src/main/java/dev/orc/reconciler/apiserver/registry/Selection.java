package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Which objects a list or watch asks for: both selectors of the request. */
public record Selection(LabelSelectorQuery labels, FieldSelectorQuery fields) {
    public static Selection everything() {
        return new Selection(LabelSelectorQuery.everything(), FieldSelectorQuery.everything());
    }

    public boolean matches(ObjectNode object) {
        return object != null && labels.matches(object) && fields.matches(object);
    }
}
