package se.remissvar.analysis;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Replaces each token by its stem ({@link SwedishWords}); with {@code parts}, a compound's
 * parts follow at the same position and with the compound's offsets, so a highlight of a part
 * marks the whole compound. Keyword tokens pass unchanged.
 */
final class SwedishStemFilter extends TokenFilter {
    private final SwedishWords words;
    private final boolean emitParts;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private String[] pending;
    private int next;
    private State state;

    SwedishStemFilter(TokenStream input, SwedishWords words, boolean emitParts) {
        super(input);
        this.words = words;
        this.emitParts = emitParts;
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
        if (!input.incrementToken()) {
            return false;
        }
        if (keyword.isKeyword()) {
            return true;
        }
        SwedishWords.Analysis a = words.analyze(term.toString());
        term.setEmpty().append(a.stem());
        if (emitParts && a.parts().length > 0) {
            int n = 0;
            String[] parts = new String[a.parts().length];
            for (String p : a.parts()) {
                if (!p.equals(a.stem())) {
                    parts[n++] = p;
                }
            }
            if (n > 0) {
                pending = java.util.Arrays.copyOf(parts, n);
                next = 0;
                state = captureState();
            }
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending = null;
        next = 0;
        state = null;
    }
}
