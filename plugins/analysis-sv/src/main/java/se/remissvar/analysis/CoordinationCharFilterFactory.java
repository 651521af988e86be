package se.remissvar.analysis;

import java.io.Reader;

import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.CharFilterFactory;

/** {@code sv_coordination}: "gatu- och fastighetsnämnden" read as "gatunämnden och
 *  fastighetsnämnden" ({@link CoordinationCharFilter}). */
@NamedComponent("sv_coordination")
public final class CoordinationCharFilterFactory implements CharFilterFactory {
    public CoordinationCharFilterFactory() {
        SwedishLexicon.get(); // load (and fail) when the index is created
    }

    @Override
    public Reader create(Reader reader) {
        return new CoordinationCharFilter(reader,
            () -> new SwedishWords(SwedishLexicon.get(), true, SwedishWords.Fallback.SNOWBALL));
    }
}
