package se.remissvar.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code sv_names}: a first name spelt like a word, before a surname, kept as written ({@link NameFilter}). */
@NamedComponent("sv_names")
public final class NameFilterFactory implements TokenFilterFactory {
    public NameFilterFactory() {
        SwedishLexicon.get(); // load (and fail) when the index is created
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new NameFilter(input, SwedishLexicon.get());
    }
}
