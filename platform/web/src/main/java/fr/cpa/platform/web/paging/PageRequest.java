package fr.cpa.platform.web.paging;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The {@code page} (0-based) and {@code size} query parameters of a listing. Use as
 * {@code @Valid @BeanParam PageRequest paging}: a bad value is a 400 problem naming the parameter. They are read
 * as text and checked by pattern, because JAX-RS answers an unconvertible number with a nameless 404.
 */
public class PageRequest {

    public static final String PAGE = "page";
    public static final String SIZE = "size";
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    @QueryParam(PAGE)
    @DefaultValue("0")
    @Pattern(regexp = "0|[1-9][0-9]{0,8}", message = "must be a whole number from 0")
    String page;

    @QueryParam(SIZE)
    @DefaultValue("" + DEFAULT_SIZE)
    @Pattern(regexp = "[1-9]|[1-9][0-9]|100", message = "must be a whole number from 1 to " + MAX_SIZE)
    String size;

    public PageRequest() {
    }

    public PageRequest(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page >= 0 and 1 <= size <= " + MAX_SIZE);
        }
        this.page = Integer.toString(page);
        this.size = Integer.toString(size);
    }

    public int page() {
        return Integer.parseInt(page);
    }

    public int size() {
        return Integer.parseInt(size);
    }

    /** The index of the page's first item, for OFFSET. */
    public long offset() {
        return (long) page() * size();
    }
}
