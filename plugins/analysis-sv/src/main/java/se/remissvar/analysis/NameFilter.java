package se.remissvar.analysis;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Marks a person's first name that is spelt like a word as a keyword, so that the stemmer after
 * the lower-casing leaves it as written: a capitalised token that hunspell-sv lists capitalised
 * as a name of its own ("Linda/A", "Sanna/A", "Rosa", "Stig") and whose lower-case spelling is a
 * word too ("linda", to wrap; "sanna", "sann"'s plural), right before a capitalised word one
 * character on that is no word in lower case (the surname: "Linda Jonasson (S)", "Sanna
 * Dabolins (V)"; not a heading's "Inga Synpunkter"). A protocol lists its
 * members so, and "lindade" or "sannare" found them. The name is the word as written ("linda");
 * a search for "Linda" or "Sanna" finds it, through the stemmed field where the word is its own
 * stem and through the folded text as written. Alone, or before a lower-case word, the token is
 * read as before.
 * Placed before {@code lowercase}, which keeps the mark.
 */
final class NameFilter extends TokenFilter {
    private final SwedishLexicon lexicon;
    private final Hunspell hunspell;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    /** The token read ahead, to be returned next. */
    private State ahead;
    /** True once the input has no more tokens (after a look ahead found none). */
    private boolean exhausted;

    NameFilter(TokenStream input, SwedishLexicon lexicon) {
        super(input);
        this.lexicon = lexicon;
        this.hunspell = new Hunspell(lexicon.dictionary);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (ahead != null) {
            restoreState(ahead);
            ahead = null;
        } else if (exhausted || !input.incrementToken()) {
            return false;
        }
        if (keyword.isKeyword() || !firstName(term.toString())) {
            return true;
        }
        State current = captureState();
        int end = offset.endOffset();
        boolean surname = false;
        if (input.incrementToken()) {
            surname = surname(term.toString()) && offset.startOffset() - end <= 1;
            ahead = captureState();
        } else {
            exhausted = true;
        }
        restoreState(current);
        if (surname) {
            keyword.setKeyword(true);
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        ahead = null;
        exhausted = false;
    }

    /** A capitalised name hunspell-sv lists as written whose lower-case spelling is a word too,
     *  not a stop word ("Hans": the stemmed fields drop "hans" as they always do). */
    private boolean firstName(String w) {
        if (w.length() < 3 || !capitalised(w) || !lexicon.isRoot(w)) {
            return false;
        }
        for (int i = 1; i < w.length(); i++) {
            if (!Character.isLowerCase(w.charAt(i))) {
                return false;
            }
        }
        String lower = w.toLowerCase(java.util.Locale.ROOT);
        return !SwedishLexicon.STOP_WORDS.contains(lower) && hunspell.spell(lower);
    }

    /** A surname: capitalised, and no word in lower case ("Jonasson", "Dabolins"; not the
     *  "Nationerna" of "Förenta Nationerna" nor the "Synpunkter" of a heading "Inga Synpunkter",
     *  whose first word is then read as a word). */
    private boolean surname(String w) {
        return capitalised(w) && !hunspell.spell(w.toLowerCase(java.util.Locale.ROOT));
    }

    /** An upper-case letter followed by a lower-case one ("Jonasson", "Dabolins"). */
    private static boolean capitalised(String w) {
        return w.length() >= 2 && Character.isUpperCase(w.charAt(0)) && Character.isLowerCase(w.charAt(1));
    }
}
