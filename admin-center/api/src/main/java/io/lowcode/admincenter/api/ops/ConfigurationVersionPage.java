package io.lowcode.admincenter.api.ops;

import java.util.List;

/**
 * Versions of the managed configuration, newest first.
 *
 * @param items versions of this page
 * @param page  page number from 0
 * @param size  page size asked for
 * @param total how many versions exist
 */
public record ConfigurationVersionPage(List<ConfigurationVersion> items, int page, int size, long total) {
}
