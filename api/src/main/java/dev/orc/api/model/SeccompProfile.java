package dev.orc.api.model;

/** The seccomp filter a container runs under: {@code RuntimeDefault} (the runtime's default profile) or {@code Unconfined}. */
public record SeccompProfile(String type, String localhostProfile) {
    public static final String RUNTIME_DEFAULT = "RuntimeDefault";
    public static final String UNCONFINED = "Unconfined";

    public static SeccompProfile of(String type) {
        return new SeccompProfile(type, null);
    }
}
