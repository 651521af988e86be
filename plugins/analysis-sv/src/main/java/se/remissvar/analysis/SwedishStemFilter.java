package se.remissvar.analysis;

import java.io.IOException;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
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
 * With {@code parts}, a base form the dictionary reads as a noun and an adjective alike ("lokal",
 * "central") that stands right before a common noun's singular indefinite form - the one noun
 * that base form agrees with as an adjective: the next token, one character (a space, a line
 * break) on, no stop word between - is the adjective: "lokal dialog", "central styrning". Its
 * noun readings are not indexed, so "lokalen" and "lokaler" do not find it; "en lokal i huset",
 * "hyr lokal hösten 2025" keep both. Likewise an adjective's form in -a that is another word's
 * too ("låga": the adjective's plural, and the noun and verb "låga") right before a word that is
 * a noun's form only ("låga flöden"), not after an infinitive's marker, is no noun: "lågorna"
 * does not find it.
 */
final class SwedishStemFilter extends TokenFilter {
    /** The stop words the stemmed fields drop (Elasticsearch's _swedish_ list is Lucene's). */
    private static final CharArraySet STOP_WORDS = SwedishLexicon.STOP_WORDS;
    /** Words that are a party's member (a noun) and the party's adjective at once: both readings
     *  kept before a noun ("moderat ledamot", "liberal politiker"). */
    private static final java.util.Set<String> PARTY_WORDS = java.util.Set.of("moderat", "liberal");
    /** Words after which a verb's infinitive follows: the infinitive marker and the modal and
     *  auxiliary verbs that take a bare infinitive ("att driva", "ska driva", "bör driva"). */
    private static final java.util.Set<String> INFINITIVE_BEFORE = java.util.Set.of(
        "att", "ska", "skall", "skulle", "kan", "kunde", "kunna", "kunnat", "måste", "bör", "borde",
        "vill", "ville", "velat", "får", "fick", "behöver", "behövde", "brukar", "brukade", "lär", "torde",
        "må", "måtte", "tänker", "tänkte");
    /** The indefinite articles: a noun (or an adjective before one) follows, so a word right
     *  after one keeps every reading, the rare ones too ("en driva", a snowdrift). */
    private static final java.util.Set<String> ARTICLES = java.util.Set.of("en", "ett");
    /** Adverbs that may stand between those words and the infinitive ("att inte driva", "ska
     *  också driva"). */
    private static final java.util.Set<String> BETWEEN = java.util.Set.of(
        "inte", "icke", "ej", "också", "även", "aldrig", "alltid", "därför", "dock", "endast", "bara",
        "gärna", "själv", "själva", "fortsatt", "aktivt");
    /** The conjunctions that coordinate infinitives ("äga och driva", "äga, driva eller riva",
     *  "äga samt driva"). */
    private static final java.util.Set<String> COORDINATORS = java.util.Set.of("och", "eller", "samt");
    /** The last letters of a Swedish infinitive: a vowel (no loanword's é). */
    private static final String INFINITIVE_LAST_LETTERS = "aeiouyåäö";
    /** How many tokens ahead a list of infinitives is read for its "och", "eller" or "samt". */
    private static final int MAX_LIST_AHEAD = 6;
    private final SwedishWords words;
    private final boolean emitParts;
    private final boolean partsOnly;
    /** True where this filter drops the stop words itself (setting {@code stop}), reading them as
     *  the context of the words they stand before. */
    private final boolean dropStopWords;
    /** The two input tokens before the current one (as written, lower-cased), where the nearer
     *  ends, and whether each stood where an infinitive does ({@link #afterInfinitiveMarker}); the
     *  one before it is null where it did not end one character before the nearer. */
    private String before;
    private String beforeThat;
    private int beforeEnd = -2;
    private boolean beforeInfinitive;
    private boolean beforeThatInfinitive;
    /** Positions of stop words dropped after the last token emitted. */
    private int skippedAtEnd;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    /** Input tokens read ahead (to see whether a noun follows, or how a list of infinitives
     *  ends), oldest first. */
    private final java.util.ArrayDeque<State> ahead = new java.util.ArrayDeque<>();
    /** True once the input has no more tokens (after a look ahead found none). */
    private boolean exhausted;
    private String[] pending;
    private int next;
    private State state;

    SwedishStemFilter(TokenStream input, SwedishWords words, boolean emitParts) {
        this(input, words, emitParts, false);
    }

    SwedishStemFilter(TokenStream input, SwedishWords words, boolean emitParts, boolean partsOnly) {
        this(input, words, emitParts, partsOnly, false);
    }

    SwedishStemFilter(TokenStream input, SwedishWords words, boolean emitParts, boolean partsOnly,
                      boolean dropStopWords) {
        super(input);
        this.words = words;
        this.emitParts = emitParts || partsOnly;
        this.partsOnly = partsOnly;
        this.dropStopWords = dropStopWords;
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
        while (nextInput()) {
            if (keyword.isKeyword()) {
                before = null;
                if (!partsOnly) {
                    posInc.setPositionIncrement(posInc.getPositionIncrement() + skipped);
                    return true;
                }
                skipped += posInc.getPositionIncrement();
                continue;
            }
            String word = term.toString();
            boolean afterArticle = before != null && offset.startOffset() - beforeEnd <= 1 && ARTICLES.contains(before);
            boolean infinitive = afterInfinitiveMarker();
            remember(word, infinitive);
            if (stopWord(word)) {
                skipped += posInc.getPositionIncrement();
                continue;
            }
            int join = word.indexOf(CoordinationCharFilter.JOIN);
            String cut = join > 0 ? word.substring(0, join) : null;
            // every reading after an article ("en driva": the snowdrift, a reading general text
            // seldom means by "driva", which {@link SwedishWords#analyzeToken} leaves out elsewhere)
            String whole = cut == null ? word : cut + word.substring(join + 1);
            SwedishWords.Analysis a = afterArticle ? words.analyze(whole) : words.analyzeToken(whole);
            // a participle's verb: among the parts, or on its own where no parts are emitted
            String[] parts = emitParts ? parts(a) : a.verb() != null ? new String[] {a.verb()} : new String[0];
            if (cut != null && !partsOnly && !STOP_WORDS.contains(cut)) {
                parts = withCut(parts, a.stem(), words.analyze(cut).stem());
            }
            if (emitParts && !partsOnly && cut == null && nounAndAdjective(a) && nounFollows()) {
                parts = withoutNounReadings(parts, a.stem());
            }
            if (emitParts && !partsOnly && cut == null && !infinitive && nounReadings(parts, a.stem())
                    && words.adjectiveFormInA(word) && nounFormFollows()) {
                parts = withoutNounOnlyReadings(parts, a.stem()); // "låga flöden": no flames
            }
            if (emitParts && !partsOnly && cut == null && infinitive && word.equals(a.stem())) {
                parts = verbReadingOnly(parts, a.stem());
            }
            if (!partsOnly) {
                posInc.setPositionIncrement(posInc.getPositionIncrement() + skipped);
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
        skippedAtEnd = skipped;
        return false;
    }

    @Override
    public void end() throws IOException {
        super.end();
        posInc.setPositionIncrement(posInc.getPositionIncrement() + skippedAtEnd); // trailing stop words, as StopFilter
    }

    /** Keeps the current input token as the context of the next one. */
    private void remember(String word, boolean infinitive) {
        boolean adjacent = offset.startOffset() - beforeEnd <= 1;
        beforeThat = adjacent ? before : null;
        beforeThatInfinitive = adjacent && beforeInfinitive;
        before = word;
        beforeInfinitive = infinitive;
        beforeEnd = offset.endOffset();
    }

    /** True when the current input token stands where an infinitive does: one character after an
     *  infinitive's marker or a modal verb, or after one of the adverbs {@link #BETWEEN} after
     *  it ("att driva", "ska inte driva"); or coordinated with such an infinitive: after "och",
     *  "eller" or "samt" ("äga och driva"), or after a comma in a list that one of them and an
     *  infinitive end ("bör äga, driva och utveckla"; {@link #listOfInfinitivesFollows}). An
     *  infinitive ends in a vowel, so "att lokal dialog och ..." coordinates nothing; an object
     *  after it ("att ställa fråga om") is no infinitive. The context is read before
     *  {@link #remember} moves on. */
    private boolean afterInfinitiveMarker() throws IOException {
        if (before == null) {
            return false;
        }
        int gap = offset.startOffset() - beforeEnd;
        if (gap <= 1 && (INFINITIVE_BEFORE.contains(before)
                || (BETWEEN.contains(before) && beforeThat != null && INFINITIVE_BEFORE.contains(beforeThat)))) {
            return true;
        }
        if (gap == 2 && beforeInfinitive && infinitiveLike(before) && infinitiveLike(term.toString())
                && listOfInfinitivesFollows()) { // "äga, driva och utveckla"
            return true;
        }
        return gap <= 1 && COORDINATORS.contains(before) && beforeThatInfinitive
            && infinitiveLike(beforeThat); // "äga och driva"
    }

    /** ``parts`` less the stem's readings that are no verb's, where it has a verb's reading and
     *  another: a base form after an infinitive's marker is the verb ("att driva" is no "drivor");
     *  unchanged where the stem has no verb's reading ("att lokal dialog"). */
    private static String[] verbReadingOnly(String[] parts, String stem) {
        String[] verb = readingsWith(parts, stem, 'v');
        return java.util.Arrays.stream(verb).anyMatch(p -> p.startsWith(stem + "#")) ? verb : parts;
    }

    /** ``parts`` less the stem's readings (its tags, "lokal#s") whose letters lack ``letter``
     *  ("a" an adjective's, "v" a verb's); every other part kept. */
    private static String[] readingsWith(String[] parts, String stem, char letter) {
        return readingsWhere(parts, stem, tag -> tag.indexOf(letter) >= 0);
    }

    /** ``parts`` less the stem's readings whose tag ``keep`` rejects; every other part kept. */
    private static String[] readingsWhere(String[] parts, String stem, java.util.function.Predicate<String> keep) {
        return java.util.Arrays.stream(parts)
            .filter(p -> !p.startsWith(stem + "#") || keep.test(p.substring(stem.length() + 1)))
            .toArray(String[]::new);
    }

    /** The next input token: the first read ahead, if any. */
    private boolean nextInput() throws IOException {
        State next = ahead.poll();
        if (next != null) {
            restoreState(next);
            return true;
        }
        return !exhausted && input.incrementToken();
    }

    /** An input token read ahead: as written (lower-cased), where it starts and ends, and its
     *  position increment. */
    private record Ahead(String word, int start, int end, int increment, boolean keyword) {}

    /** The {@code k}-th input token after the current one (1: the next), read ahead and kept, or
     *  null where the input ends before it; the current token's state is kept. */
    private Ahead peek(int k) throws IOException {
        State current = captureState();
        while (ahead.size() < k && !exhausted) {
            if (input.incrementToken()) {
                ahead.add(captureState());
            } else {
                exhausted = true;
            }
        }
        Ahead out = null;
        if (ahead.size() >= k) {
            java.util.Iterator<State> it = ahead.iterator();
            for (int i = 1; i < k; i++) {
                it.next();
            }
            restoreState(it.next());
            out = new Ahead(term.toString(), offset.startOffset(), offset.endOffset(),
                posInc.getPositionIncrement(), keyword.isKeyword());
        }
        restoreState(current);
        return out;
    }

    /** True when the next input token is a noun right after this one (one character on, no
     *  position skipped by a stop word); reads it ahead, the current token's state kept. */
    private boolean nounFollows() throws IOException {
        return nextWordIs(words::commonNounBase);
    }

    /** True when the next input token is a noun's form only ({@link SwedishWords#nounFormOnly})
     *  right after this one, as {@link #nounFollows} reads it. */
    private boolean nounFormFollows() throws IOException {
        return nextWordIs(words::nounFormOnly);
    }

    /** True when the next input token is a word right after this one (one character on, no
     *  position skipped by a stop word, no keyword, no cut-off word) that {@code test} accepts;
     *  reads it ahead, the current token's state kept. */
    private boolean nextWordIs(java.util.function.Predicate<String> test) throws IOException {
        int end = offset.endOffset();
        Ahead next = peek(1);
        return next != null && !next.keyword() && next.increment() == 1 && !stopWord(next.word())
            && next.start() - end <= 1 && next.word().indexOf(CoordinationCharFilter.JOIN) < 0
            && test.test(next.word());
    }

    /** True where ``parts`` hold a noun's reading of the stem that is no adjective's ("låga#s"). */
    private static boolean nounReadings(String[] parts, String stem) {
        return withoutNounOnlyReadings(parts, stem).length < parts.length;
    }

    /** ``parts`` less the stem's readings that are a noun's and no adjective's (its verb's kept:
     *  "att klara kraven" is the verb's or the adjective's, never a noun's). */
    private static String[] withoutNounOnlyReadings(String[] parts, String stem) {
        return readingsWhere(parts, stem, tag -> !SwedishWords.nounTag(tag) || tag.indexOf('a') >= 0);
    }

    /** True for a stop word this filter drops ({@link #dropStopWords}). */
    private boolean stopWord(String word) {
        return dropStopWords && STOP_WORDS.contains(word);
    }

    /** True where the tokens after the current one end a list of infinitives the current one is
     *  in: more items after a comma (a gap of two characters), then "och", "eller" or "samt" and a
     *  last one ("äga, driva och utveckla"), each a word ending in a vowel that is no stop word. A full
     *  stop leaves the same gap as a comma, but no "och" and infinitive after it as a rule. */
    private boolean listOfInfinitivesFollows() throws IOException {
        int end = offset.endOffset();
        for (int k = 1; k <= MAX_LIST_AHEAD; k++) {
            Ahead t = peek(k);
            if (t == null || t.keyword()) {
                return false;
            }
            int gap = t.start() - end;
            if (gap <= 1 && COORDINATORS.contains(t.word())) {
                Ahead last = peek(k + 1);
                return last != null && !last.keyword() && last.start() - t.end() <= 1 && infinitiveLike(last.word());
            }
            if (gap != 2 || !infinitiveLike(t.word())) {
                return false;
            }
            end = t.end();
        }
        return false;
    }

    /** A word that may be an infinitive: no stop word, ending in a vowel. */
    private boolean infinitiveLike(String word) {
        return !STOP_WORDS.contains(word) && !word.isEmpty()
            && INFINITIVE_LAST_LETTERS.indexOf(word.charAt(word.length() - 1)) >= 0;
    }

    /** True for a base form read as a noun and an adjective alike: its plain stem, both
     *  readings among its parts as two tags ("lokal": lokal#s, lokal#a; not "kort#sa", one tag).
     *  Not a party's word ("moderat", "liberal": a party's member and its adjective, so
     *  "moderaterna" finds "moderat ledamot"). */
    private static boolean nounAndAdjective(SwedishWords.Analysis a) {
        if (PARTY_WORDS.contains(a.stem())) {
            return false;
        }
        boolean noun = false;
        boolean adjective = false;
        for (String p : a.parts()) {
            if (p.startsWith(a.stem() + "#")) {
                String tag = p.substring(a.stem().length() + 1);
                boolean n = SwedishWords.nounTag(tag);
                boolean adj = tag.indexOf('a') >= 0;
                noun |= n && !adj;
                adjective |= adj && !n;
            }
        }
        return noun && adjective;
    }

    /** ``parts`` less the stem's noun readings (its adjective reading kept). */
    private static String[] withoutNounReadings(String[] parts, String stem) {
        return readingsWith(parts, stem, 'a');
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
        ahead.clear();
        exhausted = false;
        before = null;
        beforeThat = null;
        beforeEnd = -2;
        beforeInfinitive = false;
        beforeThatInfinitive = false;
        skippedAtEnd = 0;
    }
}
