package fr.cpa.platform.web.testapp;

import java.util.List;
import java.util.stream.IntStream;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import fr.cpa.platform.web.paging.Page;
import fr.cpa.platform.web.paging.PageLinks;
import fr.cpa.platform.web.paging.PageRequest;

/** Test-only listing of 45 items. */
@Path("/test/items")
@Produces(MediaType.APPLICATION_JSON)
public class ItemResource {

    public static final int TOTAL = 45;

    public record Item(int number) {
    }

    @GET
    public Response list(@Valid @BeanParam PageRequest paging, @Context UriInfo uri) {
        List<Integer> numbers = IntStream.range(0, TOTAL).boxed()
                .skip(paging.offset()).limit(paging.size()).toList();
        Page<Item> page = Page.of(numbers, paging, TOTAL).map(Item::new);
        return Response.ok(page).header(PageLinks.HEADER, PageLinks.header(uri.getRequestUri(), page)).build();
    }
}
