package fr.cpa.enrolment.api;

import java.util.function.Function;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageRequest;

/** A page of a query, as the platform's {@link Page}. */
final class Listings {

    private Listings() {
    }

    static <E, V> Page<V> page(PanacheQuery<E> query, PageRequest paging, Function<E, V> view) {
        long total = query.count();
        return Page.of(query.page(io.quarkus.panache.common.Page.of(paging.page(), paging.size())).list().stream()
                .map(view).toList(), paging, total);
    }
}
