package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.path.NodePath;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;

/** Orders findings as their fields appear in the document, so problems read top to bottom like the file. */
final class DocumentOrder {
    private DocumentOrder() {
    }

    static Comparator<NodePath> of(JsonNode document) {
        return Comparator.comparing(path -> positions(document, path), Arrays::compare);
    }

    /** The index of each step of the path among its siblings: fields in document order, list items by index. */
    static int[] positions(JsonNode document, NodePath path) {
        int[] positions = new int[path.getNameCount()];
        JsonNode node = document;
        for (int i = 0; i < positions.length; i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                positions[i] = index;
                node = node == null ? null : node.get(index);
            } else {
                String name = String.valueOf(element);
                positions[i] = fieldIndex(node, name);
                node = node == null ? null : node.get(name);
            }
        }
        return positions;
    }

    private static int fieldIndex(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return Integer.MAX_VALUE;
        }
        int index = 0;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); index++) {
            if (names.next().equals(name)) {
                return index;
            }
        }
        return Integer.MAX_VALUE;
    }
}
