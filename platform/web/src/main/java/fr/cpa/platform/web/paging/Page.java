package fr.cpa.platform.web.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a listing: its items, where it stands, and how many items and pages there are in all. */
public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, PageRequest request, long totalItems) {
        int totalPages = (int) ((totalItems + request.size() - 1) / request.size());
        return new Page<>(items, request.page(), request.size(), totalItems, totalPages);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
