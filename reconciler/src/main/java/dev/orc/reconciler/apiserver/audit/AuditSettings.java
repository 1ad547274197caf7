package dev.orc.reconciler.apiserver.audit;

/** An audit log: what to record ({@code policy}) and where ({@code file}). */
public record AuditSettings(AuditPolicy policy, AuditFile file) {
}
