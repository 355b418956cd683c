package io.lowcode.migrator.release;

/**
 * What the code of the previous release can still do after a change. Ordered: the class of a release is
 * the most severe class of its steps.
 */
public enum Compatibility {
    /** No schema change at all (data or configuration only): any code version works before and after. */
    FULLY_COMPATIBLE,
    /** Additive (new tables, nullable columns, indexes): the previous release's code keeps working. */
    BACKWARD_COMPATIBLE,
    /** Drops, renames, type changes, new NOT NULL without default, new constraints on existing data. */
    BREAKING;

    public Compatibility max(Compatibility other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
