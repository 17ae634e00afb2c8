package io.rosterline.api.common;

import java.util.List;

/** One page of a server-paged list. */
public record PageResult<T>(List<T> items, int page, int size, long total) {
}
