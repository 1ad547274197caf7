package dev.orc.reconciler.apiserver.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens from a token file: one token per line, optionally {@code token,user}; blank lines and
 * lines starting with {@code #} are skipped.
 */
public final class TokenAuthenticator {
    private final Map<String, String> users;

    public TokenAuthenticator(Map<String, String> usersByToken) {
        this.users = Map.copyOf(usersByToken);
    }

    public static TokenAuthenticator fromFile(Path file) {
        Map<String, String> users = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split(",");
                users.put(fields[0].trim(), fields.length > 1 ? fields[1].trim() : "user");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("the token file " + file + " holds no token");
        }
        return new TokenAuthenticator(users);
    }

    /** The user of an {@code Authorization} header's bearer token, if the token is known. */
    public Optional<String> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        String user = null;
        for (Map.Entry<String, String> entry : users.entrySet()) {
            if (MessageDigest.isEqual(presented, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
                user = entry.getValue();
            }
        }
        return Optional.ofNullable(user);
    }
}
