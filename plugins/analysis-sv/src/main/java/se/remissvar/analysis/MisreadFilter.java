package se.remissvar.analysis;

import java.text.Normalizer;
import java.util.Map;

import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Keeps only the words the Swedish dictionary does not accept (hunspell-sv with its compounding
 * rules), with their diacritics folded as the pipeline folds ({@code remissvar.textnorm.fold}:
 * one character for one): what an OCR misreading looks like ("tidnka", "gvergripande"). The
 * search's fuzzy clause looks a query word up here, one edit away, so a scan's misreading of it
 * is found while another correctly spelt word one edit away ("ställer" for "ställen") is not.
 */
final class MisreadFilter extends FilteringTokenFilter {
    private static final int CACHE = 20_000;
    private final Hunspell hunspell;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final Map<String, Boolean> known = SwedishLexicon.lru(CACHE);

    MisreadFilter(TokenStream input, Hunspell hunspell) {
        super(input);
        this.hunspell = hunspell;
    }

    @Override
    protected boolean accept() {
        String w = term.toString();
        if (!w.chars().anyMatch(Character::isLetter) || known.computeIfAbsent(w, hunspell::spell)) {
            return false;
        }
        char[] b = term.buffer();
        for (int i = 0; i < term.length(); i++) {
            b[i] = fold(b[i]);
        }
        return true;
    }

    /** A character without its diacritics where that leaves one character ("ä" -> "a"). */
    static char fold(char c) {
        if (c < 128) {
            return c;
        }
        String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return base.length() == 1 ? base.charAt(0) : c;
    }
}
