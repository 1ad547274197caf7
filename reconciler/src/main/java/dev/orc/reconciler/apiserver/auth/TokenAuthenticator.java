package dev.orc.reconciler.apiserver.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens from a token file in Kubernetes' static token format: {@code token,user,uid,"group1,group2"} per
 * line, the last three optional (user defaults to {@code user}, uid to the user); blank lines and lines starting with
 * {@code #} are skipped. Every user it authenticates is in {@code system:authenticated}.
 */
public final class TokenAuthenticator implements Authenticator {
    /** The shortest token a token file may hold: an empty or guessable one would let anyone in. */
    static final int MIN_TOKEN_LENGTH = 8;

    private final Map<String, UserInfo> users;

    /** The users of a token file, by token. */
    private record Users(Map<String, UserInfo> byToken) {
    }

    /** Tokens of users without groups of their own (tests and tools). */
    public TokenAuthenticator(Map<String, String> usersByToken) {
        this(new Users(withoutGroups(usersByToken)));
    }

    private TokenAuthenticator(Users users) {
        this.users = Map.copyOf(users.byToken());
    }

    private static Map<String, UserInfo> withoutGroups(Map<String, String> usersByToken) {
        Map<String, UserInfo> users = new LinkedHashMap<>();
        usersByToken.forEach((token, user) -> users.put(token, new UserInfo(user, user, List.of())));
        return users;
    }

    public static TokenAuthenticator fromFile(Path file) {
        Map<String, UserInfo> users = new LinkedHashMap<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                List<String> fields = csv(trimmed, file, number);
                String token = fields.get(0);
                if (token.length() < MIN_TOKEN_LENGTH) {
                    throw new IllegalArgumentException("the token file " + file + ", line " + number + ": the token is "
                            + (token.isEmpty() ? "empty" : "shorter than " + MIN_TOKEN_LENGTH + " characters"));
                }
                String user = fields.size() > 1 && !fields.get(1).isEmpty() ? fields.get(1) : "user";
                String uid = fields.size() > 2 && !fields.get(2).isEmpty() ? fields.get(2) : user;
                List<String> groups = fields.size() > 3 && !fields.get(3).isBlank()
                        ? List.of(fields.get(3).split("\\s*,\\s*")) : List.of();
                users.put(token, new UserInfo(user, uid, groups));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("the token file " + file + " holds no token");
        }
        return new TokenAuthenticator(new Users(users));
    }

    /** One line's fields: comma-separated, a field in double quotes may hold commas. */
    private static List<String> csv(String line, Path file, int number) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("the token file " + file + ", line " + number + ": a quote is not closed");
        }
        fields.add(field.toString().trim());
        return fields;
    }

    /** The user of an {@code Authorization} header's bearer token, if the token is known. */
    @Override
    public Optional<UserInfo> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = authorizationHeader.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (presented.length == 0) {
            return Optional.empty();
        }
        UserInfo user = null;
        for (Map.Entry<String, UserInfo> entry : users.entrySet()) {
            if (MessageDigest.isEqual(presented, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
                user = entry.getValue();
            }
        }
        return Optional.ofNullable(user).map(found -> {
            List<String> groups = new ArrayList<>(found.groups());
            groups.add(UserInfo.AUTHENTICATED);
            return new UserInfo(found.name(), found.uid(), groups);
        });
    }
}
