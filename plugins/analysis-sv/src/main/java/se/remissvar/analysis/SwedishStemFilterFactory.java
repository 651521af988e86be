package se.remissvar.analysis;

import java.util.Locale;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code sv_stem}: Swedish stems for search (hunspell-sv, umlaut plurals, compound heads,
 * a fallback stemmer), with the parts of compounds where {@code parts: true}, and the parts
 * alone (no whole words) where also {@code parts_only: true}.
 */
@NamedComponent("sv_stem")
public final class SwedishStemFilterFactory implements TokenFilterFactory {
    private final boolean parts;
    private final boolean partsOnly;
    private final boolean dictionary;
    private final boolean stop;
    private final boolean query;
    private final SwedishWords.Fallback fallback;

    @Inject
    public SwedishStemFilterFactory(SwedishStemSettings settings) {
        this.parts = settings.parts();
        this.partsOnly = settings.partsOnly();
        if (partsOnly && !parts) {
            throw new IllegalArgumentException("sv_stem: parts_only needs parts: true");
        }
        this.dictionary = settings.dictionary();
        this.stop = settings.stop();
        this.query = settings.query();
        if (query && parts) {
            throw new IllegalArgumentException("sv_stem: query is a search analyzer's, not with parts");
        }
        try {
            this.fallback = SwedishWords.Fallback.valueOf(settings.fallback().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sv_stem: fallback must be snowball, light or none, not "
                + settings.fallback(), e);
        }
        if (dictionary) {
            SwedishLexicon.get(); // load (and fail) when the index is created, not on its first document
        }
    }

    @Override
    public TokenStream create(TokenStream input) {
        SwedishLexicon lexicon = dictionary ? SwedishLexicon.get() : null;
        return new SwedishStemFilter(input, new SwedishWords(lexicon, dictionary, fallback, query), parts, partsOnly, stop);
    }
}
