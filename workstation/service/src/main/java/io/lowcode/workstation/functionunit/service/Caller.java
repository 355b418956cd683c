package io.lowcode.workstation.functionunit.service;

/**
 * Who asked, for the events a request emits.
 *
 * @param userId        the acting user ({@code anonymous} until authentication arrives)
 * @param correlationId ties together the events of one business flow
 */
public record Caller(String userId, String correlationId) {
}
