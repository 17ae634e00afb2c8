package io.rosterline.api.common;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of a server-paged list. */
public record PageResult<T>(@Schema(description = "The items of this page, in the list's order") List<T> items,
                            @Schema(description = "The page number, from 0", example = "0") int page,
                            @Schema(description = "The page size asked for", example = "50") int size,
                            @Schema(description = "How many items all pages hold together", example = "1") long total) {

    /**
     * Whether a page starts past the last item, so that there is nothing to fetch. Also true for a page whose offset does
     * not fit an int (page 559986409 of size 4), which Panache's paging would overflow into a negative offset.
     */
    public static boolean startsPastEnd(int page, int size, long total) {
        return (long) page * size >= total;
    }
}
