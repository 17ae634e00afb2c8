package io.rosterline.api.common;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of a server-paged list. */
public record PageResult<T>(@Schema(description = "The items of this page, in the list's order") List<T> items,
                            @Schema(description = "The page number, from 0", example = "0") int page,
                            @Schema(description = "The page size asked for", example = "50") int size,
                            @Schema(description = "How many items all pages hold together", example = "1") long total) {

}
