package io.lowcode.admincenter.audit.service;

import java.time.Instant;

/**
 * A search of the audit log; every filter may be {@code null}.
 *
 * @param type    exact event type
 * @param subject exact subject
 * @param from    earliest {@code occurredAt}, inclusive
 * @param to      latest {@code occurredAt}, exclusive
 * @param page    page number from 0
 * @param size    page size
 */
public record AuditQuery(String type, String subject, Instant from, Instant to, int page, int size) {
}
