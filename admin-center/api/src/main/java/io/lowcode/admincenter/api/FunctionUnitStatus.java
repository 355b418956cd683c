package io.lowcode.admincenter.api;

/** Where a function unit stands in the admin center's inventory. */
public enum FunctionUnitStatus {
    /** Created in the workstation; no version published yet. */
    CREATED,
    /** At least one version is published; none is deployed. */
    PUBLISHED,
    /** A version is live in production. */
    DEPLOYED,
    /** The deployed version was retired; nothing is live. */
    RETIRED
}
