package se.remissvar.analysis;

import java.io.IOException;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Replaces each token by its stem ({@link SwedishWords}), a participle's followed by its verb's at
 * the same position ("skriven": skriven, skriva); with {@code parts}, a compound's
 * parts follow at the same position and with the compound's offsets, so a highlight of a part
 * marks the whole compound. Keyword tokens pass unchanged. With {@code partsOnly}, only the
 * parts are emitted (the first at the compound's position): a word that is not a compound, and
 * a keyword token, is dropped, its position increment carried to the next token emitted.
 * A word cut off before a coordination's hyphen and completed by {@link CoordinationCharFilter}
 * ("gång\u2060trafik") is its completion ("gångtrafik"), the cut-off word's own stem ("gång")
 * following at the same position - not a stop word ("över- och underskott": the stop filter before
 * this one saw only the completion) - and with {@code partsOnly} the completion's parts alone.
 */
final class SwedishStemFilter extends TokenFilter {
    /** The stop words the stemmed fields drop (Elasticsearch's _swedish_ list is Lucene's). */
    private static final CharArraySet STOP_WORDS = SwedishAnalyzer.getDefaultStopSet();
    private final SwedishWords words;
    private final boolean emitParts;
    private final boolean partsOnly;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private String[] pending;
    private int next;
    private State state;

    SwedishStemFilter(TokenStream input, SwedishWords words, boolean emitParts) {
        this(input, words, emitParts, false);
    }

    SwedishStemFilter(TokenStream input, SwedishWords words, boolean emitParts, boolean partsOnly) {
        super(input);
        this.words = words;
        this.emitParts = emitParts || partsOnly;
        this.partsOnly = partsOnly;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (pending != null && next < pending.length) {
            restoreState(state);
            term.setEmpty().append(pending[next++]);
            posInc.setPositionIncrement(0);
            return true;
        }
        pending = null;
        int skipped = 0;
        while (input.incrementToken()) {
            if (keyword.isKeyword()) {
                if (!partsOnly) {
                    return true;
                }
                skipped += posInc.getPositionIncrement();
                continue;
            }
            String word = term.toString();
            int join = word.indexOf(CoordinationCharFilter.JOIN);
            String cut = join > 0 ? word.substring(0, join) : null;
            SwedishWords.Analysis a = words.analyze(cut == null ? word : cut + word.substring(join + 1));
            // a participle's verb: among the parts, or on its own where no parts are emitted
            String[] parts = emitParts ? parts(a) : a.verb() != null ? new String[] {a.verb()} : new String[0];
            if (cut != null && !partsOnly && !STOP_WORDS.contains(cut)) {
                parts = withCut(parts, a.stem(), words.analyze(cut).stem());
            }
            if (!partsOnly) {
                term.setEmpty().append(a.stem());
                if (parts.length > 0) {
                    pending = parts;
                    next = 0;
                    state = captureState();
                }
                return true;
            }
            if (parts.length == 0) {
                skipped += posInc.getPositionIncrement();
                continue;
            }
            posInc.setPositionIncrement(posInc.getPositionIncrement() + skipped);
            term.setEmpty().append(parts[0]);
            if (parts.length > 1) {
                state = captureState();
                pending = parts;
                next = 1;
            }
            return true;
        }
        return false;
    }

    /** ``parts`` and, where it is neither the completion's stem nor among them, the cut-off
     *  word's stem (first: the whole word as written before the completion). */
    private static String[] withCut(String[] parts, String stem, String cutStem) {
        if (cutStem.equals(stem) || java.util.Arrays.asList(parts).contains(cutStem)) {
            return parts;
        }
        String[] out = new String[parts.length + 1];
        out[0] = cutStem;
        System.arraycopy(parts, 0, out, 1, parts.length);
        return out;
    }

    /** The parts of a compound other than its own stem (none for a word that is not one). */
    private static String[] parts(SwedishWords.Analysis a) {
        int n = 0;
        String[] parts = new String[a.parts().length];
        for (String p : a.parts()) {
            if (!p.equals(a.stem())) {
                parts[n++] = p;
            }
        }
        return java.util.Arrays.copyOf(parts, n);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending = null;
        next = 0;
        state = null;
    }
}
