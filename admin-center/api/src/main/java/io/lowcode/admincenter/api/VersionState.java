package io.lowcode.admincenter.api;

/** Where a published version stands in deployment. */
public enum VersionState {
    /** Published, waiting for an admin to deploy it. */
    PENDING,
    /** Live in production. */
    DEPLOYED,
    /** Was live; another version of the same unit replaced it. */
    SUPERSEDED,
    /** Was live; an admin retired it. */
    RETIRED
}
