package io.lowcode.migrator.release;

/**
 * A declared SQL assertion: {@code sql} returns the number of violating rows, 0 means the rule holds. It
 * applies while the platform is at {@code since} or later and before {@code until} (null: no end).
 */
public record BusinessRule(String name, String since, String until, String sql) {
}
