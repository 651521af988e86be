package se.remissvar.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code sv_misread}: only the words hunspell-sv does not accept, diacritics folded ({@link MisreadFilter}). */
@NamedComponent("sv_misread")
public final class MisreadFilterFactory implements TokenFilterFactory {
    public MisreadFilterFactory() {
        SwedishLexicon.get(); // load (and fail) when the index is created
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new MisreadFilter(input, new Hunspell(SwedishLexicon.get().dictionary));
    }
}
