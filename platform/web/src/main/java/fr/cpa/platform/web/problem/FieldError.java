package fr.cpa.platform.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One bad input: {@code field} is the client's property path ({@code address.postcode}, {@code items[2].amount}) or
 * the name of a query, path or header parameter; absent when the fault is the request as a whole. {@code reason}
 * never quotes the value sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String reason) {
}
