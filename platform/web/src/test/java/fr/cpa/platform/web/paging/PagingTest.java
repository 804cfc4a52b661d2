package fr.cpa.platform.web.paging;

import static fr.cpa.platform.web.support.ProblemAssert.assertProblem;
import static fr.cpa.platform.web.support.ProblemAssert.fields;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cpa.platform.web.testapp.ItemResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class PagingTest {

    @Test
    void defaultsAreTheFirstPageOfTwenty() {
        Response response = given().get("/test/items");
        response.then().statusCode(200);
        assertEquals(20, response.jsonPath().getList("items").size());
        assertEquals(0, response.jsonPath().getInt("items[0].number"));
        assertEquals(0, response.jsonPath().getInt("page"));
        assertEquals(20, response.jsonPath().getInt("size"));
        assertEquals(ItemResource.TOTAL, response.jsonPath().getInt("totalItems"));
        assertEquals(3, response.jsonPath().getInt("totalPages"));
        assertEquals("<?page=0&size=20>; rel=\"first\", <?page=1&size=20>; rel=\"next\", <?page=2&size=20>; rel=\"last\"",
                response.header("Link"));
    }

    @Test
    void aMiddlePageLinksBothWaysAndKeepsOtherParameters() {
        Response response = given().urlEncodingEnabled(false).get("/test/items?status=open&size=10&page=2&q=a%20b");
        assertEquals(List.of(20, 21, 22, 23, 24, 25, 26, 27, 28, 29), response.jsonPath().getList("items.number"));
        assertEquals("<?status=open&q=a%20b&page=0&size=10>; rel=\"first\", "
                + "<?status=open&q=a%20b&page=1&size=10>; rel=\"prev\", "
                + "<?status=open&q=a%20b&page=3&size=10>; rel=\"next\", "
                + "<?status=open&q=a%20b&page=4&size=10>; rel=\"last\"", response.header("Link"));
    }

    @Test
    void theLastPageAndBeyond() {
        Response last = given().queryParam("page", 4).queryParam("size", 10).get("/test/items");
        assertEquals(5, last.jsonPath().getList("items").size());
        assertEquals("<?page=0&size=10>; rel=\"first\", <?page=3&size=10>; rel=\"prev\", <?page=4&size=10>; rel=\"last\"",
                last.header("Link"));
        Response beyond = given().queryParam("page", 9).queryParam("size", 10).get("/test/items");
        assertEquals(0, beyond.jsonPath().getList("items").size());
        assertEquals("<?page=0&size=10>; rel=\"first\", <?page=4&size=10>; rel=\"prev\", <?page=4&size=10>; rel=\"last\"",
                beyond.header("Link"));
    }

    @Test
    void badParametersAreNamed() {
        for (String page : new String[] { "-1", "abc", "1.5", "01", "9999999999" }) {
            assertEquals(List.of("page"), fields(assertProblem(given().queryParam("page", page).get("/test/items"), 400,
                    "validation")), page);
        }
        for (String size : new String[] { "0", "101", "x", "-5" }) {
            assertEquals(List.of("size"), fields(assertProblem(given().queryParam("size", size).get("/test/items"), 400,
                    "validation")), size);
        }
        assertEquals(List.of("page", "size"), fields(assertProblem(given().queryParam("page", "x").queryParam("size",
                "y").get("/test/items"), 400, "validation")));
        given().queryParam("size", 100).get("/test/items").then().statusCode(200);
    }

    @Test
    void anEmptyListingHasOnePage() {
        Page<String> empty = Page.of(List.of(), new PageRequest(0, 20), 0);
        assertEquals(0, empty.totalPages());
        assertEquals("<?page=0&size=20>; rel=\"first\", <?page=0&size=20>; rel=\"last\"",
                PageLinks.header(URI.create("http://host/items"), empty));
        assertThrows(IllegalArgumentException.class, () -> new PageRequest(0, 101));
    }

    @Test
    void nonAsciiQueryCharactersAreEncodedInLinks() {
        Page<String> page = Page.of(List.of("a"), new PageRequest(0, 1), 1);
        assertEquals("<?q=%C3%A9t%C3%A9&page=0&size=1>; rel=\"first\", <?q=%C3%A9t%C3%A9&page=0&size=1>; rel=\"last\"",
                PageLinks.header(URI.create("http://host/items?q=\u00e9t\u00e9&page=3"), page));
    }
}
