package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.validation.ManifestValidator;
import dev.orc.api.validation.Problem;

import java.util.List;
import java.util.function.Function;

/** The validators the CLI checks manifests with before anything leaves the machine. */
final class Validators {
    private Validators() {
    }

    static Function<JsonNode, List<Problem>> manifests() {
        ManifestValidator validator = ManifestValidator.standard();
        return validator::validate;
    }
}
