package fr.cpa.catalogue.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import fr.cpa.catalogue.persistence.SearchQueries;

/**
 * The search: typed words corrected where no offer knows them, then the page of hits with the total and facets.
 */
@ApplicationScoped
public class OfferSearch {

    /** A word of the query; "or" is an operator of the web-search syntax, not a word. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final String OR = "or";

    /**
     * @param searchedFor the words as searched, after corrections
     * @param corrected whether a word was replaced by a known one
     */
    public record TextSearch(String typed, String searchedFor, boolean corrected) {
    }

    public record Answer(SearchResult result, TextSearch text) {
    }

    private final SearchQueries queries;

    OfferSearch(SearchQueries queries) {
        this.queries = queries;
    }

    public Answer search(SearchCriteria criteria) {
        if (criteria.text() == null) {
            return new Answer(queries.search(criteria), null);
        }
        TextSearch text = correct(criteria.text());
        return new Answer(queries.search(criteria.withText(text.searchedFor())), text);
    }

    private TextSearch correct(String typed) {
        List<int[]> spans = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(typed);
        while (matcher.find()) {
            if (!matcher.group().equalsIgnoreCase(OR)) {
                spans.add(new int[] {matcher.start(), matcher.end()});
                words.add(matcher.group());
            }
        }
        if (words.isEmpty()) {
            return new TextSearch(typed, typed, false);
        }
        List<String> corrected = queries.corrected(words);
        StringBuilder searched = new StringBuilder(typed);
        boolean changed = false;
        for (int i = words.size() - 1; i >= 0; i--) {
            if (!corrected.get(i).equals(words.get(i))) {
                searched.replace(spans.get(i)[0], spans.get(i)[1], corrected.get(i));
                changed = true;
            }
        }
        return new TextSearch(typed, searched.toString(), changed);
    }
}
