package dev.orc.reconciler.gitops;

import dev.orc.api.model.GitSource;
import dev.orc.api.model.GitSourceSpec;
import dev.orc.api.model.Secret;

import java.util.Optional;
import java.util.function.BiFunction;

/** What a GitSource's spec says to fetch and how to sync it, read one way by the controller and by a preview. */
final class SourceSpecs {
    private SourceSpecs() {
    }

    static GitTarget target(GitSource source) {
        GitSourceSpec spec = source.spec();
        GitSourceSpec.Ref ref = spec.ref();
        return new GitTarget(spec.url(), ref == null ? null : ref.branch(), ref == null ? null : ref.tag(),
                ref == null ? null : ref.commit(), spec.path());
    }

    /** The credentials of {@code spec.secretRef}, read through {@code secrets} (namespace, name). */
    static Optional<GitCredentials> credentials(GitSource source, GitTarget target,
                                                BiFunction<String, String, Optional<Secret>> secrets)
            throws GitFetchException {
        if (source.spec().secretRef() == null) {
            return Optional.empty();
        }
        String name = source.spec().secretRef().name();
        Secret secret = secrets.apply(source.metadata().namespace(), name)
                .orElseThrow(() -> new GitFetchException("spec.secretRef: Secret \"" + name + "\" not found"));
        return Optional.of(SecretCredentials.read(secret, target));
    }

    static GitSync.SourceSettings settings(GitSource source, String commit) {
        return new GitSync.SourceSettings(source.metadata().namespace() + "/" + source.metadata().name(),
                defaultNamespace(source), !Boolean.FALSE.equals(source.spec().prune()), commit);
    }

    static String defaultNamespace(GitSource source) {
        String target = source.spec().targetNamespace();
        return target == null || target.isEmpty() ? source.metadata().namespace() : target;
    }
}
