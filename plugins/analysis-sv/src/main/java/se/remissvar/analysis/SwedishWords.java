package se.remissvar.analysis;

import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.hunspell.AffixedWord;
import org.apache.lucene.analysis.hunspell.DictEntry;
import org.apache.lucene.analysis.hunspell.Hunspell;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * One word's analysis: its stem and, for a compound, its parts. Not thread-safe (hunspell's
 * stemmer keeps buffers): one per token filter, which Lucene uses from one thread at a time.
 *
 * <ol>
 *   <li>a strong verb's form ("växte", "vuxit", "ansåg", "möjliggjorde") is its infinitive's
 *       stem (with the verb's reading where the stem is also a noun's: "satte" sätt#v);</li>
 *   <li>an umlaut plural ("bostäder", "städerna", "storstäder") is its singular, an irregular
 *       comparison ("större", "högst") its positive;</li>
 *   <li>a word the dictionary knows is its hunspell stem ({@link #hunspellStem}: the shortest
 *       root; a form the dictionary writes out as itself, its lemma in the full-form lexicon),
 *       with the word class that explains it where the stem is two words ({@link #classed});</li>
 *   <li>a compound the dictionary does not know ("kombolägenheter", "facebookgruppen") is its
 *       modifier as written plus its head's stem ("kombolägenhet", "facebookgrupp"): singular
 *       and plural meet, as the whole-word stemmers do not manage ("kombolägenhet" -> "kombolägen");</li>
 *   <li>anything else goes to the fallback stemmer (Snowball's Swedish by default).</li>
 * </ol>
 * A compound's parts are the modifier's dictionary word and the head's stem ("lekplatser" ->
 * "lek", "plats"), each also with its one word-class reading where it has one ({@link #readings}):
 * the head must be a word the dictionary lets end a compound, the modifier a form it lets start
 * one, or a word of general Swedish text ("facebook").
 */
final class SwedishWords {
    static final int MIN_MODIFIER = 3;
    static final int MIN_HEAD = 4;
    static final int MIN_COMPOUND = MIN_MODIFIER + MIN_HEAD;
    private static final String[] NO_PARTS = new String[0];
    /** The longest modifier {@link #compoundModifier} splits ("kombolägenhets" is 14 letters): an
     *  OCR run-together of several words is no modifier, and splitting it is costly. */
    static final int MAX_COMPOUND_MODIFIER = 24;
    /** True while {@link #compoundModifier} splits a modifier: its own modifiers are not split again. */
    private boolean nested;
    private static final int CACHE = 20_000;
    /** Heads that are mostly derivational endings, never taken as a compound's part
     *  ("ungdomar" is no "ung" + "dom", "vänskapen" no "vän" + "skap", "planering" no "plan" + "ring"). */
    private static final java.util.Set<String> NOT_HEADS = java.util.Set.of(
        "dom", "skap", "het", "else", "bar", "sam", "lig", "ning", "ring", "inne", "ande", "ende");
    /** The one suffix-like short head that is a noun's after a noun ("parklek", "sånglek"), the
     *  suffix after an adjective ("storlek", "kärlek", "halvlek"); the rest of the list
     *  ({@link #NOT_SHORT_HEADS}) make wrong splits after nouns too ("analys" + "era", "kommun" +
     *  "ism", "littera" + "tur": measured over the 71,902 probe words). */
    private static final String NOUN_AFTER_NOUN = "lek";
    /** Particles and prepositions that begin words the dictionary knows as derivations rather
     *  than as compounds of two words ({@link #keepsSplit}). */
    private static final java.util.Set<String> PARTICLES = java.util.Set.of(
        "till", "över", "under", "åter", "efter", "samman", "fram", "före", "genom", "bort", "fast",
        "inne", "undan", "mellan", "ovan", "utom", "förbi", "sönder", "emot", "ihop", "kvar", "kring",
        "nedan", "av", "upp", "ut", "in", "på", "om", "an", "be", "för", "mot", "med", "vid", "ned",
        "ner", "bak", "ute", "omkring", "tillbaka", "fort", "bredvid", "intill", "utan");
    /** The length of a short head, taken only by {@link #shortHeadSplit}. */
    static final int SHORT_HEAD = 3;
    /** Three-letter nouns that end words as suffixes or pronouns more often than as a compound's
     *  head: "-lek" (storlek, kärlek), "-vis" (delvis), "-tur" (kultur), "-ism", "-era", "-dom". */
    private static final java.util.Set<String> NOT_SHORT_HEADS = java.util.Set.of(
        "and", "ans", "bar", "dom", "era", "ism", "lek", "vis", "tur", "son", "tag", "med", "men",
        "han", "min", "var", "vad", "här", "jag", "nej", "gen", "get", "ide", "isa", "ens", "ana",
        "ave", "ess", "est", "ode", "ske", "sia", "tia", "nia", "uns", "oms", "res", "set", "rit",
        "ton", "mat", "kap", "kar", "alt", "tik", "log", "ort", "ren", "ras", "rad", "dis", "tal", "ört", "öra");

    /** A word's stem and its compound parts (empty when it is not a compound); {@code verb}: the
     *  stem of the verb a participle comes from, indexed and searched beside its own stem by the
     *  stemmed text too - or the noun of a genitive the dictionary reads as a verb's form alone
     *  ({@link #genitive}) - null for any other word. */
    record Analysis(String stem, String[] parts, String verb) {
        Analysis(String stem, String[] parts) {
            this(stem, parts, null);
        }
    }

    private record Split(String modifierForm, String modifierWord, String headStem, String headForm) {}

    enum Fallback { SNOWBALL, LIGHT, NONE }

    private final SwedishLexicon lexicon;
    private final Hunspell hunspell;
    private final boolean useDictionary;
    private final Fallback fallback;
    /** True for a query's analysis: a participle that is a noun's form too is searched as both
     *  where {@link #verbToo} says so ({@link #compute}); the text is indexed as before, so "en i
     *  taget" stays no form of "ta". */
    private final boolean query;
    private final SwedishStemmer snowball = new SwedishStemmer();
    private final Map<String, Analysis> cache = SwedishLexicon.lru(CACHE);

    SwedishWords(SwedishLexicon lexicon, boolean useDictionary, Fallback fallback) {
        this(lexicon, useDictionary, fallback, false);
    }

    /** With {@code query}, a query word's analysis ({@link #compute}): a participle that is a
     *  noun's form too ("avslagen", "gjord") or a strong verb's bare past that is a noun too
     *  ("drev") is sought as both. */
    SwedishWords(SwedishLexicon lexicon, boolean useDictionary, Fallback fallback, boolean query) {
        this.query = query;
        this.lexicon = lexicon;
        this.hunspell = lexicon == null ? null : new Hunspell(lexicon.dictionary);
        this.useDictionary = useDictionary;
        this.fallback = fallback;
    }

    /** A compound's head as written ("nämnden" of "fastighetsnämnden", "skolor" of
     *  "gymnasieskolor"), split as {@link #analyze} splits a word the dictionary knows or a coined
     *  one, and a known word after a particle too (a coordination's shared head: "över- och
     *  underskott"); null for a word it does not split. */
    String headForm(String w) {
        if (!useDictionary || w.length() < MIN_MODIFIER + SHORT_HEAD || !letters(w)) {
            return null;
        }
        String root = rootStem(w);
        String known = hunspellStem(w, root, prefersVerb(w, root));
        Split s = split(w, known != null, known);
        // after a particle too: "över- och underskott" is överskott and underskott, neither split
        return s == null || (known != null && !splitsAlike(w, known, s)) ? null : s.headForm;
    }

    Analysis analyze(String word) {
        Analysis a = cache.get(word);
        if (a == null) {
            a = compute(word);
            cache.put(word, a);
        }
        return a;
    }

    /** A token's analysis: {@link #analyze} less the readings general text seldom means by the
     *  word ({@link #commonReadings}); a compound's parts keep theirs ("tjänsteman": man#s). */
    Analysis analyzeToken(String word) {
        Analysis a = tokenCache.get(word);
        if (a == null) {
            a = commonReadings(word, analyze(word));
            tokenCache.put(word, a);
        }
        return a;
    }

    private final Map<String, Analysis> tokenCache = SwedishLexicon.lru(CACHE);

    /** A form this frequent in general Swedish text (zipf 4: ten per million words) is read by
     *  {@link #commonReadings}; a rarer form's share of each reading is too uncertain. */
    static final double COMMON_FORM = 10_000;
    /** A reading whose own other forms are this many times rarer than the form is not indexed
     *  for it ({@link #commonReadings}). */
    static final double RARE_READING = 20;
    /** A reading whose own other forms are at least half as frequent as the form explains it. */
    static final double COMMON_READING = 2;
    /** Endings tried on a reading's base (and on it less its last vowel) for its other forms. */
    private static final String[] FORM_ENDINGS = {"", "a", "e", "n", "en", "et", "t", "r", "ar", "er", "or",
        "na", "arna", "erna", "orna", "s", "ns", "ens", "ets", "ts", "ars", "ers", "ors", "nas", "arnas",
        "ernas", "ornas", "as", "ade", "ad", "at", "ats", "ades", "de", "d", "te", "tt", "des", "tes",
        "are", "ast", "aste", "it", "its", "es"};
    /** The stop words (Lucene's Swedish list): a form that is one is a word of its own first. */
    private static final org.apache.lucene.analysis.CharArraySet STOP_WORDS = SwedishLexicon.STOP_WORDS;

    /**
     * The analysis {@code a} of a frequent form {@code w} less the readings general Swedish text
     * seldom means by it (session 25): hunspell-sv reads "hela" as "hel"'s form (whole) and as the
     * verb "hela" (to heal) and its noun, "positiv" as the adjective and the noun (a barrel organ),
     * "vara" as the verb and the noun (goods), and the stem keeps every reading, so "helade" found
     * "för hela kommunen" and "varor" found "ska vara". A reading's frequency is that of its other
     * forms - the forms the dictionary accepts whose own analysis may be that reading
     * ("helade", "helar", "helat" for {@code hela#v}) - in wordfreq's Swedish list
     * ({@link SwedishLexicon#frequency}). Where the form is more than {@link #RARE_READING} times
     * as frequent as a reading's other forms together, and another reading explains it (its
     * other forms at least 1 / {@link #COMMON_READING} as frequent; or the form is a stop word,
     * a word of its own first), that reading is not indexed nor sought:
     * "hela" is "hel" alone, "positiv" {@code positiv#a}, "vara" no {@code vara#s}. Its own
     * forms keep it ("helade" is {@code hela#v}, "varor" {@code vara#s}), and the plain stem, which
     * a base form query seeks, stays where another of its readings does.
     */
    private Analysis commonReadings(String w, Analysis a) {
        if (lexicon == null || !useDictionary || w.length() < 3) {
            return a;
        }
        double f = lexicon.frequency(w);
        if (f < COMMON_FORM || a.stem().indexOf('#') > 0) { // one reading: the word's own
            return a;
        }
        List<String> tokens = new java.util.ArrayList<>();
        tokens.add(a.stem());
        tokens.addAll(java.util.Arrays.asList(a.parts()));
        java.util.Set<String> entries = new java.util.HashSet<>();
        boolean ownWord = STOP_WORDS.contains(w); // "man", "men": a word of its own first
        for (AffixedWord x : hunspell.analyzeSimpleWord(w)) {
            entries.add(x.getDictEntry().getStem());
        }
        // the readings: the tagged tokens, and another dictionary root's plain stem ("hel" of "hela")
        List<String> readings = new java.util.ArrayList<>();
        for (String t : tokens) {
            int hash = t.indexOf('#');
            if (hash > 0 || (!t.equals(untagged(a.stem())) && entries.contains(t)
                    && tokens.stream().noneMatch(o -> o.startsWith(t + "#")))) {
                if (!readings.contains(t)) {
                    readings.add(t);
                }
            }
        }
        if (readings.isEmpty() || readings.stream().noneMatch(t -> t.indexOf('#') > 0)) {
            return a;
        }
        java.util.Set<String> rare = new java.util.HashSet<>();
        boolean explained = ownWord;
        for (String t : readings) {
            double mass = readingFrequency(t, w);
            if (f > RARE_READING * mass) {
                rare.add(t);
            } else if (f <= COMMON_READING * mass) {
                explained = true;
            }
        }
        if (rare.isEmpty() || !explained || rare.size() == readings.size() && !ownWord) {
            return a;
        }
        List<String> kept = new java.util.ArrayList<>();
        for (String t : tokens) {
            if (rare.contains(t)) {
                continue;
            }
            if (t.indexOf('#') < 0 && tokens.stream().anyMatch(o -> o.startsWith(t + "#"))
                    && tokens.stream().noneMatch(o -> o.startsWith(t + "#") && !rare.contains(o))) {
                continue; // the plain stem of readings none of which is left ("hela" of hela#s, hela#v)
            }
            if (!kept.contains(t)) {
                kept.add(t);
            }
        }
        if (kept.isEmpty()) { // a word of its own alone: not the plain stem the rare readings' forms have
            return new Analysis(w + "#o", NO_PARTS);
        }
        String stem = kept.contains(a.stem()) ? a.stem() : kept.get(0);
        kept.remove(stem);
        String verb = a.verb() != null && !rare.contains(a.verb()) ? a.verb() : null;
        return new Analysis(stem, kept.toArray(new String[0]), verb);
    }

    /** True where general text means a verb's infinitive {@code stem} (in a vowel: an adjective
     *  in -en that hunspell-sv conjugates, "vuxen", "tom", is no such verb) as another word nearly
     *  always (session 25): the infinitive is at least ten per million words and more than
     *  {@link #RARE_READING} times as frequent as the verb's other forms together - those the
     *  dictionary derives from its entry with {@link #FORM_ENDINGS}, and those the plugin's tables
     *  write out ({@link SwedishLexicon#writtenOutForms}). A verb's infinitive is about as frequent
     *  as its other forms: "båda" (both) is 72 times "bådar", "bådade", "bådat" together, "nära"
     *  (near) 338 times "närde", "närt", "två" (two) ten thousand times "tvådde". */
    private boolean dominatedVerb(String stem) {
        double f = lexicon.frequency(stem);
        if (f < COMMON_FORM) {
            return false;
        }
        String key = "verb " + stem;
        Double known = lexicon.readingFrequencies.get(key);
        if (known == null) {
            java.util.Set<String> forms = new java.util.LinkedHashSet<>(lexicon.writtenOutForms(stem));
            for (String form : candidateForms(stem)) {
                if (hunspell.analyzeSimpleWord(form).stream().anyMatch(x -> x.getDictEntry().getStem().equals(stem))) {
                    forms.add(form);
                }
            }
            forms.remove(stem);
            double sum = 0;
            for (String form : forms) {
                sum += lexicon.frequency(form);
            }
            known = sum;
            lexicon.readingFrequencies.put(key, known);
        }
        return f > RARE_READING * known;
    }

    /** True where the token {@code p} may be the reading {@code t}: the same plain stem, or the
     *  same stem with a class of {@code t}'s ("kort#sa", the noun's and the adjective's, is
     *  "kort#a"; a noun's gender letters n and u are its s). */
    private static boolean supports(String p, String t) {
        int hash = t.indexOf('#');
        if (hash < 0) {
            return p.equals(t);
        }
        if (!p.startsWith(t.substring(0, hash + 1))) {
            return false;
        }
        String mine = nounLetters(p.substring(hash + 1));
        for (char c : nounLetters(t.substring(hash + 1)).toCharArray()) {
            if (mine.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String nounLetters(String tag) {
        return tag.replace('n', 's').replace('u', 's');
    }

    /** The words a base may make with {@link #FORM_ENDINGS}, on it and, where it ends in a
     *  vowel, on it less that vowel ("hela": helade, helar; "hel" itself) - candidates, which
     *  the dictionary and the analysis then sort. */
    private static java.util.Set<String> candidateForms(String base) {
        java.util.Set<String> forms = new java.util.LinkedHashSet<>();
        for (String b : new String[] {base, SwedishLexicon.vowel(base.charAt(base.length() - 1))
                ? base.substring(0, base.length() - 1) : base}) {
            for (String end : FORM_ENDINGS) {
                forms.add(b + end);
            }
        }
        return forms;
    }

    /** How often general text holds the reading {@code t} ("hela#v", or a root's plain stem
     *  "hel") in another form than {@code w}: the summed frequencies of the forms the dictionary
     *  accepts, made of its base with {@link #FORM_ENDINGS}, whose own analysis may be that
     *  reading ({@link #supports}), and of a verb's reading its written-out forms too ("skar",
     *  "skurit": {@link SwedishLexicon#writtenOutForms}). */
    private double readingFrequency(String t, String w) {
        String key = (query ? "q " : "i ") + t + " " + w;
        Double known = lexicon.readingFrequencies.get(key);
        if (known != null) {
            return known;
        }
        double sum = 0;
        java.util.Set<String> candidates = candidateForms(untagged(t));
        if (t.indexOf('#') > 0 && t.indexOf('v', t.indexOf('#')) > 0) {
            // a strong or irregular verb's written-out forms ("skar", "skurit" of "skära"), which no
            // ending makes: the verb's own
            for (String form : lexicon.writtenOutForms(untagged(t))) {
                if (!form.equals(w) && !candidates.contains(form)) {
                    sum += lexicon.frequency(form);
                }
            }
        }
        for (String form : candidates) {
            if (form.equals(w) || form.length() < 3 || lexicon.frequency(form) == 0
                    || hunspell.analyzeSimpleWord(form).isEmpty()) {
                continue;
            }
            Analysis other = analyze(form);
            if (supports(other.stem(), t) || java.util.Arrays.stream(other.parts()).anyMatch(p -> supports(p, t))) {
                sum += lexicon.frequency(form);
            }
        }
        lexicon.readingFrequencies.put(key, sum);
        return sum;
    }

    /** {@link #word}'s analysis with the stem of the verb a participle or supine comes from
     *  ({@link SwedishLexicon#verbOf}, or a strong verb's participle:
     *  {@link SwedishLexicon#strongParticipleVerb}), among its parts and as its {@code verb}:
     *  "skriven" is indexed and searched as "skriven" and "skriva", so "skrev" finds it and it
     *  finds "skrev"; its own forms ("skrivna") find it as before. Not a present participle in
     *  -ande: a noun of its own as often ("anseende" is no "anser", "yttrande" no "yttrar"). */
    private Analysis compute(String w) {
        Analysis a = word(w);
        if (lexicon == null || !useDictionary) {
            return a;
        }
        // readings the dictionary's way of writing a word hides: the first that applies
        Analysis read = a;
        List<java.util.function.Supplier<Analysis>> hidden = List.of(() -> genitive(w, read), () -> nounPlural(w, read),
            () -> agentNoun(w, read), () -> adjectiveToo(w, read), () -> nounAndVerb(w, read));
        for (java.util.function.Supplier<Analysis> reading : hidden) {
            Analysis other = reading.get();
            if (other != null) {
                return other;
            }
        }
        // a strong verb's participle ("tagna"; "föreslagen", which the decompounder reads as "före" +
        // "slag" and the full-form lexicon lists): its own stem, the -en form, and no parts
        String listed = lexicon.verbOf(w);
        String strong = listed == null || a.parts().length > 0 ? lexicon.strongParticipleVerb(w) : null;
        if (strong != null && nounForm(w, a)) {
            if (verbToo(w)) { // "avslagen" sought: the rejections, or rejected
                return withVerb(a, strong);
            }
            strong = null; // "taget", "slaget": the noun's ("en i taget", "av det slaget")
        }
        String bare = query ? lexicon.bareStrongVerb(w) : null;
        if (bare == null && strong == null && listed == null && verbToo(w)) {
            bare = lexicon.strongParticipleVerb(w, true); // "gjord": a girth, and "göra"'s participle
        }
        if (bare != null) { // "drev", "såg" sought: the noun's, or "driva"'s, "se"'s past
            return withVerb(a, bare);
        }
        if (strong != null) {
            a = new Analysis(lexicon.participleBase(w), NO_PARTS);
        }
        String verb = strong != null ? strong : listed;
        if (verb == null) {
            verb = lexicon.verbOf(untagged(a.stem()));
        }
        if (verb == null || a.parts().length > 0) { // a compound's parts stay its parts alone (compounds.py reads them)
            return a;
        }
        String stem = word(verb).stem();
        String plain = untagged(stem);
        // only where the verb is read as itself ("skriva", "anställa") or as the noun of its root
        // ("måla" mål#v): "vikta" read as "vika", "förena" as "före" would put another verb beside "viktade"
        if (!(plain.equals(verb) || plain.equals(verb.substring(0, verb.length() - 1)))
                || stem.equals(a.stem()) || untagged(a.stem()).equals(plain)) {
            return a;
        }
        // searched as its verb too only where it is no noun's form as well: indexed with it as
        // before, so the verb's forms find it
        boolean searchedAsVerb = verbToo(w) || strong != null || !nounForm(w, a);
        return new Analysis(a.stem(), plus(a.parts(), stem), searchedAsVerb ? stem : null);
    }

    /** True where a query ({@link #query}) seeks a participle that is a noun's form too as its
     *  verb as well: where the dictionary lists the participle as a word of its own ("avslagen",
     *  "tagen", "gjord": an adjective's entry, a participle used as one) and it is no neuter's
     *  definite form, a noun's far more often ("avslaget", "fallet", "innehållet"). Not a noun's
     *  form the dictionary derives only ("bidragen", "uppdragen": the grants, the assignments - a
     *  query for them finding "bidrar", "uppdrar" is noise; a second-eye review's cases). */
    private boolean verbToo(String w) {
        return query && !w.endsWith("t") && lexicon.isRoot(w);
    }

    /** A query word's analysis {@code a} with the stem of {@code verb} beside it, searched as
     *  both ({@link #query}): its verb is the infinitive's stem, as the verb's forms are indexed. */
    private Analysis withVerb(Analysis a, String verb) {
        String stem = word(verb).stem();
        return stem.equals(a.stem()) ? a : new Analysis(a.stem(), plus(a.parts(), stem), stem);
    }

    /**
     * A noun's genitive the dictionary reads as a verb's form only: hunspell-sv gives some nouns
     * in -e no genitive (the A flag: "syfte", "arbete"), and their genitive in -es is read as the
     * verb's old passive ("syftes" the verb "syfta"), so "syftes" never met "syfte". Where the
     * word less its s is such a noun's base form, of a stem other than the verb's, and the
     * analysis reads the word as a verb's form alone, it is both: the verb's stem and the noun's
     * after it ({@link Analysis#verb}'s place), searched and indexed at one position. Not where
     * noun and verb share a stem ("sätts", "hålls": the passive, whose plain stem would find the
     * noun's every form). Null for any other word.
     */
    private Analysis genitive(String w, Analysis a) {
        int n = w.length();
        if (n < 5 || !w.endsWith("es") || a.stem().indexOf('#') >= 0) {
            return null;
        }
        String base = w.substring(0, n - 1);
        String verb = a.stem();
        if (verb.equals(base) || !lexicon.isRoot(base) || (formClasses(base, base) & SwedishLexicon.NOUN) == 0) {
            return null;
        }
        int classes = formClasses(w, verb);
        if ((classes & SwedishLexicon.VERB) == 0 || (classes & (SwedishLexicon.NOUN | SwedishLexicon.ADJECTIVE)) != 0) {
            return null;
        }
        Analysis noun = word(base);
        if (untagged(noun.stem()).equals(verb)) {
            return null;
        }
        String[] parts = a.parts();
        for (String p : noun.parts()) {
            parts = plus(parts, p);
        }
        return new Analysis(verb, plus(parts, noun.stem()), noun.stem());
    }

    /**
     * A noun's plural hunspell-sv writes on the entry of the verb in -a of its root
     * ({@link SwedishLexicon#pluralOnVerb(String, String)}) where the analysis keeps the verb's
     * stem ("delarna" under "dela": the noun "del" may end no compound, so {@link #lemma} does
     * not join the two as it joins "fördel" and "fördela", whose forms the reading tags tell
     * apart): the definite and genitive plurals are the noun's stem alone ("delarna" is "del", as
     * "delen" is), the bare plural, which is the verb's present too ("delar"), the verb's stem
     * and the noun's at one position ({@link Analysis#verb}'s place, as {@link #genitive}
     * does). Null for any other word.
     */
    private Analysis nounPlural(String w, Analysis a) {
        String verb = untagged(a.stem());
        int n = verb.length();
        if (n < 4 || lexicon.pluralOnVerbClass(verb, w) == 0) {
            return null;
        }
        String base = verb.substring(0, n - 1);
        String noun = word(base).stem();
        if (!untagged(noun).equals(base)) {
            return null; // "nåtarna": "nåt" is read as "nå"
        }
        noun = noun.equals(base) ? base : tagged(base, SwedishLexicon.NOUN); // "vår" is no adjective in "vårarna"
        if ((lexicon.pluralOnVerbClass(verb, w) & SwedishLexicon.VERB) == 0) {
            return new Analysis(noun, noun.equals(base) ? NO_PARTS : plus(NO_PARTS, base)); // "delarna", "låtar"
        }
        if ((lexicon.rootClasses(verb) & SwedishLexicon.NOUN) != 0) { // "sopar": the verb's, not the noun "sopa"'s (sopor)
            return new Analysis(tagged(verb, SwedishLexicon.VERB), plus(plus(NO_PARTS, verb), noun), noun);
        }
        return new Analysis(verb, plus(a.parts(), noun), noun);
    }

    /** The forms of a verb's agent noun that sv_SE.aff's flag T makes on the verb's entry in -a:
     *  -re, -ren, -rens, -res, -rna, -rnas ("användare" of "använda", "lärarna" of "lära"). */
    private static final java.util.Set<String> AGENT_ENDINGS = java.util.Set.of("re", "ren", "rens", "res", "rna", "rnas");
    /** The forms of the adjective in -isk that the same flag T makes on a noun's entry
     *  ("ekonom/T": ekonomisk, ekonomiska, ekonomiskt; "statist": statistisk; "prakt": praktisk). */
    private static final java.util.Set<String> ISK_ENDINGS = java.util.Set.of("isk", "iska", "iskt");

    /** The agent noun {@link #agentNoun(String)} reads the word as, with the compound's parts
     *  of the word's analysis ("lagstiftaren": lag) but not the verb's own stem; null for any other word. */
    private Analysis agentNoun(String w, Analysis a) {
        String agent = agentNoun(w);
        if (agent == null) {
            return null;
        }
        String own = untagged(a.stem());
        return new Analysis(agent, java.util.Arrays.stream(a.parts()).filter(p -> !untagged(p).equals(own)).toArray(String[]::new));
    }

    /**
     * The base form of the agent noun this word is, where the dictionary makes it on its verb's
     * entry (flag T: "användare", "användarna" of "använda"; "lärare" of "lära"; "handlaren" of
     * "handla"): the noun's own stem ("användare"), no longer the verb's, so "användare" does not
     * find "används" and "handlaren" (the shopkeeper) not "handlar" (a held-out control), while
     * every form of the noun still finds the others. Likewise the adjective in -isk the flag makes
     * on a noun's entry: "ekonomiska" is "ekonomisk", not "ekonom" (the economist); "statistiskt"
     * not "statist" (the extra, a real-documents control). Not a form flag I makes the noun's plural of
     * too ("fördelarna", {@link #nounPlural}), nor a word the dictionary explains otherwise as
     * well (under a root that is no such verb). Null for any other word.
     */
    private String agentNoun(String w) {
        List<AffixedWord> all = hunspell.analyzeSimpleWord(w);
        String agent = null;
        for (AffixedWord x : all) {
            String root = x.getDictEntry().getStem();
            List<AffixedWord.Affix> suffixes = x.getSuffixes();
            boolean byT = suffixes.size() == 1 && suffixes.get(0).getFlag().charAt(0) == 'T' && w.startsWith(root);
            if (byT && root.endsWith("a") && AGENT_ENDINGS.contains(w.substring(root.length()))) {
                if (lexicon.pluralOnVerbClass(root, w) != 0) {
                    return null; // "fördelarna": the advantages
                }
                agent = root + "re";
            } else if (byT && !root.endsWith("a") && ISK_ENDINGS.contains(w.substring(root.length()))) {
                agent = root + "isk"; // the adjective "ekonomisk", no form of "ekonom"
            }
        }
        if (agent == null) {
            return null;
        }
        for (AffixedWord x : all) { // else only the word's or the noun's own entry ("användare/UY")
            String root = x.getDictEntry().getStem();
            boolean agentsOwn = root.equals(w) || root.equals(agent);
            boolean byT = !x.getSuffixes().isEmpty() && x.getSuffixes().get(0).getFlag().charAt(0) == 'T';
            if (!agentsOwn && !byT) {
                return null;
            }
        }
        return agent;
    }

    /**
     * A word read as another root's that is an adjective's form too, declined with the letters
     * sv_SE.aff gives verbs ({@link SwedishLexicon#adjectiveDeclension}: M the -a and -t forms, L
     * the comparison): "öppna" is the verb (to open) and the plural of "öppen", "säkra" the verb
     * and "säker"'s, "öppnare" the opener and the comparative. The analysis reads such a word as
     * the verb alone, a root of its own no shorter than the adjective's; it is both now, the
     * adjective's stem at one position with it (not a participle's forms, which are their verb's:
     * "föreslagna") ({@link Analysis#verb}'s place, as
     * {@link #genitive} does), so "öppen" finds "öppna". Null for any other word.
     */
    private Analysis adjectiveToo(String w, Analysis a) {
        for (AffixedWord x : hunspell.analyzeSimpleWord(w)) {
            String root = x.getDictEntry().getStem();
            if (root.equals(w) || x.getSuffixes().size() != 1 || !x.getPrefixes().isEmpty()) {
                continue;
            }
            char flag = x.getSuffixes().get(0).getFlag().charAt(0);
            if ((flag == 'M' || flag == 'L') && SwedishLexicon.adjectiveDeclension(root, x.getDictEntry().getFlags())) {
                String stem = word(root).stem();
                if (!untagged(stem).equals(root) || lexicon.verbOf(root) != null || lexicon.strongParticipleVerb(root) != null
                        || untagged(stem).equals(untagged(a.stem())) || a.verb() != null || a.parts().length > 0) {
                    return null; // a participle ("föreslagna", "tagna"): its verb's already
                }
                return new Analysis(a.stem(), plus(a.parts(), stem), stem);
            }
        }
        return null;
    }

    /**
     * A form of two roots of one length, shorter than the word, one a noun's and the other a
     * verb's ("killar": kille's plural and killa's present; "fingrar", "cyklar", "pinnar";
     * "fångar", "kämpar"): {@link #bestRoot} takes the first, so
     * "killar" was the verb alone and "kille" never found it. It is both, the other root's stem
     * at one position ({@link Analysis#verb}'s place, as {@link #genitive} does). Only where the
     * other root is its own stem ("ordnar" is no form of "ord", which "orden" is) and neither is
     * an adjective or a participle ("anställdes"). The text only, not a query: the dictionary's
     * rarer noun would make a query for the verb's form find every compound the noun begins
     * ("yttrar", ytter: "ytterstaden"); so "kille" finds "killar" and "cykel" finds "cyklar",
     * while "cyklar" sought is the verb's and the forms written so. Null for any other word.
     */
    private Analysis nounAndVerb(String w, Analysis a) {
        if (query || a.verb() != null || a.parts().length > 0) {
            return null;
        }
        int min = Integer.MAX_VALUE;
        List<String> roots = hunspell.getRoots(w);
        for (String r : roots) {
            if (r.length() < w.length() && r.length() >= 4) { // not "eon" of "enarna"
                min = Math.min(min, r.length());
            }
        }
        java.util.Set<String> tied = new java.util.TreeSet<>();
        for (String r : roots) {
            if (r.length() == min) {
                tied.add(r);
            }
        }
        if (tied.size() != 2) {
            return null;
        }
        int verbs = 0;
        int nouns = 0;
        for (String r : tied) {
            int c = lexicon.rootClasses(r);
            verbs += c == SwedishLexicon.VERB ? 1 : 0;
            nouns += (c & SwedishLexicon.NOUN) != 0 && (c & (SwedishLexicon.VERB | SwedishLexicon.ADJECTIVE)) == 0 ? 1 : 0;
        }
        if (verbs != 1 || nouns != 1) {
            return null;
        }
        String mine = untagged(a.stem());
        for (String r : tied) {
            String stem = word(r).stem();
            if (untagged(stem).equals(r) && !r.equals(mine)) {
                return new Analysis(a.stem(), plus(a.parts(), stem), stem);
            }
        }
        return null;
    }

    /** True when the analysis reads {@code w} as a noun's form ("förslaget" of "förslag", not the
     *  participle of "förslå"; "avslagen", the rejections): such a word is not searched as a
     *  strong verb's participle it may also be. */
    private boolean nounForm(String w, Analysis a) {
        String stem = a.stem();
        int hash = stem.indexOf('#');
        if (hash >= 0) {
            return nounTag(stem.substring(hash + 1));
        }
        if (lexicon.isRoot(stem) && (formClasses(w, stem) & SwedishLexicon.NOUN) != 0) {
            return true;
        }
        for (AffixedWord x : hunspell.analyzeSimpleWord(w)) { // under another root of the word
            if ((formClasses(w, x.getDictEntry().getStem()) & SwedishLexicon.NOUN) != 0) {
                return true;
            }
        }
        return false;
    }

    /** True for a reading tag (the letters after a stem's '#') that names a noun: "s", "n", "u". */
    static boolean nounTag(String tag) {
        return tag.indexOf('s') >= 0 || tag.indexOf('n') >= 0 || tag.indexOf('u') >= 0;
    }

    private static String untagged(String stem) {
        int hash = stem.indexOf('#');
        return hash < 0 ? stem : stem.substring(0, hash);
    }

    private Analysis word(String w) {
        if (w.length() < 3 || !letters(w)) {
            return new Analysis(w, NO_PARTS);
        }
        if (!useDictionary) {
            return new Analysis(fallbackStem(w), NO_PARTS);
        }
        String verb = lexicon.strongVerb(w);
        if (verb != null) { // the infinitive's own stem: "höll" as "hålla", which is "håll"
            String stem = verb.length() < 3 ? verb : hunspellStem(verb); // "ta" stays "ta", as the word itself
            stem = stem != null ? stem : verb;
            return joinsVerb(stem) // "satte" is the verb of "sätt#v", not the noun "sätt"
                ? new Analysis(tagged(stem, SwedishLexicon.VERB), plus(NO_PARTS, stem))
                : new Analysis(stem, NO_PARTS);
        }
        String weak = w.endsWith("s") ? lexicon.weakVerbForm(w) : null;
        if (weak != null) { // "visas/N": the verb "visa"'s passive ({@link SwedishLexicon#bareVerb}), not "vis"'s genitive
            return new Analysis(tagged(weak, SwedishLexicon.VERB), plus(NO_PARTS, weak));
        }
        Analysis umlaut = umlautPlural(w);
        if (umlaut != null) {
            int classes = lexicon.isComparison(w) ? lexicon.rootClasses(umlaut.stem()) : 0;
            if ((classes & SwedishLexicon.ADJECTIVE) != 0
                    && (classes & ~SwedishLexicon.ADJECTIVE) != 0) { // "högre": the adjective's, not the heap's
                return new Analysis(tagged(umlaut.stem(), SwedishLexicon.ADJECTIVE), plus(NO_PARTS, umlaut.stem()));
            }
            if (joinsVerb(umlaut.stem())) { // "männen": the noun's, as "mannen" is (man#s), not the verb "mana"
                return new Analysis(tagged(umlaut.stem(), SwedishLexicon.NOUN), plus(umlaut.parts(), umlaut.stem()));
            }
            return umlaut;
        }
        String root = rootStem(w);
        boolean toVerb = prefersVerb(w, root);
        String known = hunspellStem(w, root, toVerb);
        String name = known == null ? properName(w) : nameGenitive(w);
        if (name != null) { // "stockholms" is Stockholm, no stock + holm
            return new Analysis(name, NO_PARTS);
        }
        Split split = w.length() >= MIN_MODIFIER + SHORT_HEAD ? split(w, known != null, known) : null;
        if (known != null && split != null && !keepsSplit(w, known, split)) {
            split = null; // "förslaget" is no "förs" + "laget": "förslag" is no compound
        }
        String an = known == null ? null : anNoun(known);
        Analysis anWord = an == null ? null : word(an);
        if (anWord != null && anWord.stem().equals(an)) { // "ansökningar": the plural of "ansökan"
            // not where the -an entry is another word's form ("skäran": skära's); the -ning stem
            // stays beside it at one position ({@link Analysis#verb}'s place), and its parts, so
            // that "ansökningar" still meets "bygglovsansökningar", whose head is "ansökning"
            String[] parts = anWord.parts();
            for (String p : split == null ? NO_PARTS : parts(split, known)) {
                if (!java.util.Arrays.asList(parts).contains(p)) {
                    parts = plus(parts, p);
                }
            }
            return new Analysis(an, plus(parts, known), known);
        }
        if (known != null) {
            String[] parts = split == null ? NO_PARTS : parts(split, known);
            String own = ownEntry(w, known);
            if (toVerb && parts.length == 0 && !root.equals(known)) {
                parts = plus(parts, root); // "gälla" is indexed as "gäll" too
            }
            Analysis c = classed(w, known, own == null ? parts : plus(parts, own));
            // a query seeks the word's own entry too ("kön": kö's definite, and the noun sex, which
            // "könspreferens" holds as a part), as the text indexes it beside the stem
            return query && own != null && c.verb() == null ? new Analysis(c.stem(), c.parts(), own) : c;
        }
        if (split != null) {
            // the head's second reading at one position, the compound's too: "stöldsäkra" is the
            // verb's form and the adjective "säker"'s plural, as "säkra" alone is ({@link #adjectiveToo})
            String second = headSecondReading(split);
            return new Analysis(split.modifierForm + split.headStem, parts(split, null),
                second == null ? null : split.modifierForm + second);
        }
        return new Analysis(fallbackStem(w), NO_PARTS);
    }

    /** The endings of an adjective's regular forms after its base form ("fast": "fasta", "fastare"). */
    private static final java.util.Set<String> ADJECTIVE_ENDINGS = java.util.Set.of("a", "are", "ast", "aste");

    /** True where {@code w} is {@code stem} with a regular adjective's ending: one of
     *  {@link #ADJECTIVE_ENDINGS}, or the neuter's t after a consonant ("lätt"'s "lätta",
     *  "fast"'s "fasta"; not "beroendet", a noun's, nor "gråt"). */
    private static boolean adjectiveEnding(String w, String stem) {
        if (!w.startsWith(stem) || stem.isEmpty()) {
            return false;
        }
        String end = w.substring(stem.length());
        return ADJECTIVE_ENDINGS.contains(end)
            || (end.equals("t") && !SwedishLexicon.vowel(stem.charAt(stem.length() - 1)));
    }

    /**
     * A known word's stem with the word class that explains it, where the dictionary inflects
     * its root as more than one ("lokal": a noun, the premises, and an adjective, local): a form
     * only one class explains is its stem tagged with that class ("lokalen", "lokaler" ->
     * "lokal#s"; "lokala", "lokalt" -> "lokal#a"), so a noun's form never meets the adjective's;
     * a form more than one class explains (the base form "lokal") keeps the plain stem, and
     * carries those classes' tags only ("korta": the adjective's and the verb's, not the noun
     * "kort"'s). At index time (parts) each carries the other's token too, so a base form finds
     * every form and any form finds the base form: "lokal" finds "lokalen" and "lokala",
     * "lokalen" finds "lokal" but not "lokala". Which class a form comes from is read from the dictionary: the entry hunspell
     * found it under and the affix flags it took ({@link SwedishLexicon#entryClasses},
     * {@link SwedishLexicon#suffixClass}). A noun and the verb in -a of its root ("mål",
     * "måla"), one stem by {@link #lemma}, are two readings too ({@link #joinsVerb}). A compound's
     * parts carry a reading only where they have one ({@link #readings}).
     */
    private Analysis classed(String w, String stem, String[] parts) {
        int all = lexicon.rootClasses(stem);
        boolean joinedVerb = joinsVerb(stem);
        if (joinedVerb) {
            all |= SwedishLexicon.VERB; // "mål" and "måla": one stem (lemma), two words
        }
        boolean twoNouns = (all & SwedishLexicon.NOUN) != 0 && lexicon.twoNouns(stem);
        int[] readings = twoNouns
            ? new int[] {SwedishLexicon.NEUTER, SwedishLexicon.COMMON, SwedishLexicon.ADJECTIVE, SwedishLexicon.VERB}
            : new int[] {SwedishLexicon.NOUN, SwedishLexicon.ADJECTIVE, SwedishLexicon.VERB};
        int n = 0;
        for (int r : readings) {
            if ((all & r) == r) {
                n++;
            }
        }
        if (n < 2) {
            if (n == 1 && all == SwedishLexicon.VERB && !w.equals(stem)
                    && SwedishLexicon.vowel(stem.charAt(stem.length() - 1)) && dominatedVerb(stem)) {
                // "bådade", "närde", "tvådde": the verbs "båda" (to bode), "nära" (to nourish), "två"
                // (to wash), whose infinitive general text nearly always means as another word
                // (both, near, two), tagged apart from it; the infinitive keeps its plain stem. A
                // form of such a verb that general text holds often is another word too, its own
                // stem: "både" (both ... and), not the verb's
                if (lexicon.frequency(w) >= COMMON_FORM) {
                    return new Analysis(w, parts);
                }
                return oneReading(stem, SwedishLexicon.VERB, parts);
            }
            if (n == 1 && (all & ~SwedishLexicon.NOUN) == 0 && !w.equals(stem) && STOP_WORDS.contains(stem)
                    && !STOP_WORDS.contains(w)) {
                // "undret", "undren": the noun "under" (a wonder), not the preposition, a stop word,
                // that begins the compounds "underlag", "underhåll" - their modifier is the plain stem
                return oneReading(stem, all, parts);
            }
            return new Analysis(stem, parts);
        }
        int mine = formClasses(w, stem);
        if ((all & SwedishLexicon.ADJECTIVE) != 0 && adjectiveEnding(w, stem)) {
            mine |= SwedishLexicon.ADJECTIVE; // "fasta": "fast"'s plural, which hunspell-sv writes only as the verb "fasta"
        }
        if (mine == 0 && (all & SwedishLexicon.VERB) != 0 && lexicon.isListedBare(w)
                && !w.startsWith(stem.substring(0, stem.length() - 1))) {
            mine = SwedishLexicon.VERB; // "vore": "vara"'s, written out - an irregular form is the verb's (session 25)
        }
        if (joinedVerb && (mine & SwedishLexicon.NOUN) == 0 && stem.equals(lexicon.listedLemma(w))) {
            mine |= SwedishLexicon.NOUN; // "remisser": the noun's, which hunspell-sv derives from the verb only
        }
        if (joinedVerb && w.equals(stem)) { // the noun's base form: plain, to find every form; indexed as the noun
            java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(java.util.Arrays.asList(parts));
            int own = mine & ~SwedishLexicon.VERB;
            int noun = own != 0 ? own : all & ~SwedishLexicon.VERB;
            if (twoNouns && (noun & SwedishLexicon.NOUN) == SwedishLexicon.NOUN) {
                // "lag": the neuter's and the common noun's, so that "laget" (lag#n) and "lagar"
                // (lag#u) find the base form; "steg" the neuter's alone, the common noun's base being
                // "stege" (a ladder): "steget" finds it, "stegarna" not (session 25)
                out.add(tagged(stem, SwedishLexicon.NEUTER));
                if (!lexicon.commonNounInE(stem)) {
                    out.add(tagged(stem, SwedishLexicon.COMMON));
                }
                if ((noun & ~SwedishLexicon.NOUN) != 0) {
                    out.add(tagged(stem, noun & ~SwedishLexicon.NOUN));
                }
            } else {
                out.add(tagged(stem, noun));
            }
            return new Analysis(stem, out.toArray(new String[0]));
        }
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(java.util.Arrays.asList(parts));
        // the readings of the root that explain the form (all, where none does): one is the stem
        // tagged ("snabbare" snabb#a, beside the verb "snabba", a noun's lone gender bit aside);
        // more (the base form) each a part of the plain stem - only those: "korta" is the
        // adjective's and the verb's, not the noun "kort"'s, whose forms are "kortet", "korten"
        int own = (mine & all) != 0 ? mine & all : all;
        List<Integer> explained = new java.util.ArrayList<>();
        for (int r : readings) {
            if ((own & r) == r) {
                explained.add(r);
            }
        }
        if (explained.size() == 1) { // one reading explains the word
            return oneReading(stem, explained.get(0), parts);
        }
        for (int r : explained) {
            out.add(tagged(stem, r));
        }
        return new Analysis(stem, out.toArray(new String[0]));
    }

    /** A form one reading explains: the stem tagged with it, the plain stem after the parts (at
     *  index time, so that a base form's query finds it). */
    private static Analysis oneReading(String stem, int classes, String[] parts) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(java.util.Arrays.asList(parts));
        out.add(stem);
        return new Analysis(tagged(stem, classes), out.toArray(new String[0]));
    }

    /** The name a word the dictionary knows only capitalised is a form of ("stockholms" of
     *  Stockholm, "hägerstens" of Hägersten, "billström" of Billström), lower-cased, or null: a
     *  place or a person the dictionary lists is one word, never split into parts ("stock" +
     *  "holm", "bill" + "ström") nor cut by the fallback stemmer ("hägerst"). The text is
     *  lower-cased before this filter, so the capitalised entry is looked up with the first letter
     *  raised. Not a capitalised noun the dictionary declines ("Facebooksida", "Facebooksidor"), nor
     *  a name whose last part is a noun's inflected form - an authority's or a place's descriptive
     *  name ("Trafikverket", "Frälsningsarmén", "Hornsgatan", "Skärholmen"), whose parts are words
     *  a search means ("trafik" finds "Trafikverket"). */
    private String properName(String w) {
        if (w.length() < 4) {
            return null;
        }
        String cut = fallbackStem(w);
        if (!cut.equals(w) && !hunspell.getRoots(cut).isEmpty()) {
            return null; // a form of a word the dictionary knows ("måns" of "mån", not the name Måns)
        }
        String name = capitalisedRoot(w);
        if (name == null || (lexicon.rootClasses(name) & SwedishLexicon.NOUN) != 0) {
            return null;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        Split s = lower.length() >= MIN_MODIFIER + SHORT_HEAD ? split(lower, false) : null;
        boolean descriptive = s != null && (!s.headForm.equals(s.headStem) || capitalisedRoot(s.headStem) != null);
        return descriptive ? null : lower; // "västeuropa", "nordafrika" keep their name of a head
    }

    /** The noun in -an whose plural and definite forms are those of a noun in -ning the
     *  dictionary lists apart ("ansökningar", "ansökningen" of "ansökan"; "förfrågningar" of
     *  "förfrågan", "framställningar" of "framställan"): the -an noun, where the dictionary has
     *  one, for a stem in -ning; null for any other stem. Not where the -an word is read as
     *  another's form ({@link #word}: "anmälan" as the verb's noun, "skäran" as the sickle's). */
    private String anNoun(String stem) {
        int n = stem.length();
        if (n < 7 || !stem.endsWith("ning")) {
            return null;
        }
        String an = stem.substring(0, n - 4) + "an";
        return lexicon.isGenitiveOnlyEntry(an) ? an : null;
    }

    /** The place's or firm's name a bare lowercase entry in -s is the genitive of ("göteborgs",
     *  listed without flags beside "Göteborg/Av"; "smålands"), lowercased, so that a query typed in lowercase meets the name as
     *  the text writes it ("Göteborgs Stad" and "Göteborg", a real-documents miss); null for any
     *  other word. */
    private String nameGenitive(String w) {
        int n = w.length();
        if (n < 5 || w.charAt(n - 1) != 's' || !lexicon.isBareForm(w)) {
            return null;
        }
        String name = capitalisedRoot(w);
        String base = w.substring(0, n - 1);
        // a place's or a firm's name (flag v), not a first name whose genitive is another name
        // ("carlos" is no "Carlo"'s, "agnes" no "Agne"'s)
        return name != null && name.toLowerCase(java.util.Locale.ROOT).equals(base)
            && lexicon.hasFlag(name, 'v') ? base : null;
    }

    /** The dictionary's shortest capitalised root of {@code w} with its first letter raised
     *  ("Stockholm" of "stockholms", not its compound form "Stockholms"; "Europa" of "europa"), or null. */
    private String capitalisedRoot(String w) {
        if (w.isEmpty()) {
            return null;
        }
        String name = null;
        for (String r : hunspell.getRoots(Character.toUpperCase(w.charAt(0)) + w.substring(1))) {
            if (!r.isEmpty() && Character.isUpperCase(r.charAt(0)) && (name == null || r.length() < name.length())) {
                name = r;
            }
        }
        return name;
    }

    /** The word as its own dictionary entry's stem where the stem came from a shorter root
     *  ("politiker" is "politik" by its plural, and an entry of its own that "politikern" is a form
     *  of; "förtydligande" the verb's participle and a noun), else null: indexed beside the stem,
     *  so that the entry's own forms find it. */
    private String ownEntry(String w, String stem) {
        if (w.equals(stem) || !lexicon.isRoot(w) || lexicon.isListedBare(w)) {
            return null;
        }
        String own = lemma(w, w);
        return own.equals(stem) ? null : own;
    }

    /** True when {@link #lemma} joins a verb in -a to this stem, a word of its own ("måla" to
     *  "mål", "besluta" to "beslut"): the stem then has the verb's reading beside its own, so
     *  that a form of one ("målade") does not find a form of the other ("målet"). Not a stem whose
     *  entries have no class ("fortsätt/XY", "behåll/XY": compound forms), which has no reading of
     *  its own: "fortsätter" tagged fortsätt#v never met "fortsätta", whose stem is plain. */
    private boolean joinsVerb(String stem) {
        if (stem.length() < 3) {
            return false;
        }
        int classes = lexicon.rootClasses(stem);
        return (lexicon.rootClasses(stem + "a") & SwedishLexicon.VERB) != 0
            && classes != 0 && (classes & SwedishLexicon.VERB) == 0 && lexicon.isWord(stem);
    }

    /** The classes that explain {@code w} as a form of the root {@code stem}: a suffix's class
     *  on its entry, an entry's own classes where the word is the root itself - also under
     *  another root that is this stem's word ("bakar" is the noun "bak" and the verb "baka",
     *  whose stem is "bak": both, so no one reading). A noun's plural on its verb's entry
     *  ({@link SwedishLexicon#pluralOnVerb(String, String)}) is the noun's, also where the verb's
     *  agent noun has the same form ("fördelarna": the advantages far more often than the
     *  distributors, flag T's "fördelare"). */
    private int formClasses(String w, String stem) {
        int mine = 0;
        List<AffixedWord> readings = hunspell.analyzeSimpleWord(w).stream()
            .filter(a -> a.getDictEntry().getStem().equals(stem)
                || (a.getDictEntry().getStem().length() > stem.length() && lemma(w, a.getDictEntry().getStem()).equals(stem)))
            .toList();
        boolean plural = readings.stream().anyMatch(a -> a.getSuffixes().stream().anyMatch(
            s -> s.getFlag().charAt(0) == 'I') && lexicon.pluralOnVerb(a.getDictEntry().getStem(), a.getDictEntry().getFlags()));
        for (AffixedWord a : readings) {
            DictEntry e = a.getDictEntry();
            String root = e.getStem();
            if (stem.equals(lexicon.weakVerbForm(root))) {
                mine |= SwedishLexicon.VERB; // "visade/O": the verb's past, and its forms ({@link SwedishLexicon#bareVerb})
                continue;
            }
            int entry = lexicon.entryClasses(root, e.getFlags());
            if (a.getSuffixes().isEmpty()) {
                mine |= entry;
            }
            for (AffixedWord.Affix s : a.getSuffixes()) {
                char flag = s.getFlag().charAt(0);
                if (plural && flag == 'T') {
                    continue; // "fördelarna": the plural's, not the agent noun's
                }
                mine |= flag == 'I' && lexicon.pluralOnVerb(root, e.getFlags())
                    ? SwedishLexicon.pluralOnVerbClass(root, e.getFlags(), w) // "delarna": the noun's; "delar": both
                    : SwedishLexicon.suffixClass(root, e.getFlags(), flag, entry);
            }
        }
        // "hög" (a heap) is the adjective's base form too, and "höga", "högt" its forms, written out
        // ({@link SwedishLexicon#bareAdjective})
        if ((w.equals(stem) ? mine != 0 : mine == 0 && lexicon.isBareForm(w)) && lexicon.bareAdjective(stem)) {
            mine |= SwedishLexicon.ADJECTIVE;
        }
        if (mine == 0 && stem.endsWith("a") && w.equals(stem.substring(0, stem.length() - 1) + "it")
                && lexicon.isBareForm(w) && (lexicon.rootClasses(stem) & SwedishLexicon.VERB) != 0) {
            return SwedishLexicon.VERB; // "varit", "drivit": the supine, written out
        }
        if (w.equals(stem) && mine != 0 && lexicon.bareVerb(stem)) {
            mine |= SwedishLexicon.VERB; // "visa": the verb's infinitive too ({@link SwedishLexicon#bareVerb})
        }
        return mine;
    }

    /** The stem with its classes' letters: s (substantiv), n and u (a neuter, a common noun),
     *  a (adjektiv), v (verb). */
    static String tagged(String stem, int classes) {
        StringBuilder b = new StringBuilder(stem).append('#');
        if ((classes & SwedishLexicon.NOUN) == SwedishLexicon.NOUN) {
            b.append('s');
        } else if ((classes & SwedishLexicon.NEUTER) != 0) {
            b.append('n');
        } else if ((classes & SwedishLexicon.COMMON) != 0) {
            b.append('u');
        }
        if ((classes & SwedishLexicon.ADJECTIVE) != 0) {
            b.append('a');
        }
        if ((classes & SwedishLexicon.VERB) != 0) {
            b.append('v');
        }
        return b.toString();
    }

    /**
     * True where a word the dictionary knows keeps the split found for it: not after a particle
     * or preposition ({@link #PARTICLES}: "tillgång" is no "gång", "överskott" no "skott",
     * "underlag" no "lag", "tillväxt" no "växt", "tillstyrka" no "styrka": such words are
     * derivations with meanings of their own), and a form only as its word
     * ({@link #splitsAlike}). A compound the dictionary does not know is split after a particle
     * as after any modifier.
     */
    private boolean keepsSplit(String w, String known, Split s) {
        return !PARTICLES.contains(s.modifierWord) && splitsAlike(w, known, s);
    }

    /**
     * True when a known word's form splits as its stem does: the stem, a compound of the same
     * modifier and head. A form is split only where its word is, so every form of a word has
     * the same parts: an inflection's letters do not make a compound of a word that is none
     * ("förslaget" would be "förs" + "laget", "förslagen" "förs" + "lagen", while "förslag" is
     * no compound: every "förslaget" was found by "lagen").
     */
    private boolean splitsAlike(String w, String known, Split s) {
        if (known.equals(w)) {
            return true;
        }
        Split k = known.length() >= MIN_MODIFIER + SHORT_HEAD ? split(known, true, known) : null;
        return k != null && k.modifierWord.equals(s.modifierWord);
    }

    /** The modifier's word, the head's stem and - one level down - the head's own parts
     *  ("samhällsbyggnadsnämnden": samhälle, byggnadsnämnd, byggnad, nämnd). */
    private String[] parts(Split s, String known) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        out.add(s.modifierWord);
        out.add(s.headStem);
        String word = s.modifierForm + s.headForm;
        out.addAll(headReadings(readings(s.headForm, s.headStem), s.headStem, known, word)); // "målet" in "verksamhetsmålet" is mål#s
        List<String> modifier = readings(s.modifierWord, s.modifierWord);
        if (modifier.size() == 1) { // "plan" in "planförslag" is plan#s; "lokal" in "lokaltidning" may be either
            out.addAll(modifier);
        }
        if (s.headStem.length() >= MIN_COMPOUND && agentNoun(s.headForm) == null) { // "deltagare" is no "del" + "tagare"
            Split inner = split(s.headStem, true, s.headStem);
            if (inner != null) {
                out.add(inner.modifierWord);
                out.add(inner.headStem);
                // its reading as the head's form has it: "rollen" in "skolledarrollen" is roll#s
                out.addAll(headReadings(readings(s.headForm, inner.headStem), inner.headStem, known, word));
                String left = leftCompound(s, inner);
                if (left != null) {
                    out.add(left);
                }
            }
        }
        return out.toArray(new String[0]);
    }

    /** The other bracketing of a compound of three words: the modifier and the head's own
     *  modifier, where the dictionary knows them as one word, its stem ("dricks" +
     *  "vattenförsörjning": "dricksvatten"; "samhällsbyggnadsnämnd": "samhällsbyggnad"), so that
     *  the word finds the longer compound it begins, as its head does. Null where the dictionary
     *  does not know it. */
    private String leftCompound(Split s, Split inner) {
        String left = s.modifierForm + inner.modifierForm;
        if (inner.modifierForm.endsWith("s") && hunspell.getRoots(left).isEmpty()) {
            left = left.substring(0, left.length() - 1); // the head's own linking s: "byggnads"
        }
        if (left.length() < MIN_COMPOUND || hunspell.getRoots(left).isEmpty()) {
            return null;
        }
        String stem = untagged(analyze(left).stem());
        // a noun, as the compound is: not "mentalsjuk" in "mentalsjukhus", "nazitysk" in "nazityskland"
        return (lexicon.rootClasses(stem) & SwedishLexicon.NOUN) != 0 ? stem : null;
    }

    /** The word-class readings a compound's part may carry besides its plain stem ({@link #classed}):
     *  the part's own where one reading explains it as written ("målen"), else those that are no
     *  verb's ("plan", beside the verb "plana"; "stråk": stråket or stråkar) - a modifier takes one
     *  only, a head as its compound has them ({@link #headReadings}); none where the part's word
     *  has one reading only. */
    private List<String> readings(String form, String stem) {
        Analysis a = analyze(form);
        List<String> out = new java.util.ArrayList<>();
        if (a.stem().startsWith(stem + "#")) {
            out.add(a.stem());
            return out;
        }
        for (String t : a.parts()) {
            if (t.startsWith(stem + "#") && t.indexOf('v', stem.length()) < 0) {
                out.add(t);
            }
        }
        return out;
    }

    /** A head's readings ({@link #readings}) as the compound's own entry has them: a compound
     *  takes its head's word class and gender, so where the dictionary knows the compound
     *  ({@code known}), the readings of its classes ("samlingslokal", a noun: lokal#s, not the
     *  adjective's lokal#a) and, where it declines the compound in one gender and the head in both
     *  ({@link SwedishLexicon#gender}), that gender's ("cykelstråk/ABDY": "cykelstråken" is
     *  stråk#n, not "stråkar"'s definite form); a head's one noun reading not where the compound
     *  and its form ({@code word}) are no noun's ("redovisa", a verb, takes no visa#s). A coined
     *  compound's head that may be read more ways than one ("pendlingsstråken") is the plain part
     *  alone. */
    private List<String> headReadings(List<String> readings, String head, String known, String word) {
        int classes = known == null ? 0 : lexicon.rootClasses(known);
        if (readings.size() == 1 && classes != 0 && (classes & SwedishLexicon.NOUN) == 0
                && (formClasses(word, known) & SwedishLexicon.NOUN) == 0
                && nounTag(readings.get(0).substring(head.length() + 1))) {
            return List.of(); // "redovisa", a verb: no visa#s ("rödlistan", a verb's entry's noun form, keeps lista#s)
        }
        if (readings.size() < 2) {
            return readings;
        }
        if (classes == 0) {
            return List.of();
        }
        int gender = lexicon.gender(known);
        List<String> out = new java.util.ArrayList<>();
        for (String r : readings) {
            String tag = r.substring(head.length() + 1);
            boolean noun = nounTag(tag) && (classes & SwedishLexicon.NOUN) != 0
                && !(gender == SwedishLexicon.NEUTER && tag.equals("u")) && !(gender == SwedishLexicon.COMMON && tag.equals("n"));
            boolean adjective = tag.indexOf('a') >= 0 && (classes & SwedishLexicon.ADJECTIVE) != 0;
            if (noun || adjective) {
                out.add(r);
            }
        }
        return out;
    }

    /** {@code parts} and one more after them. */
    private static String[] plus(String[] parts, String more) {
        String[] out = java.util.Arrays.copyOf(parts, parts.length + 1);
        out[parts.length] = more;
        return out;
    }

    private static boolean letters(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isLetter(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** "städer", "bostäderna", "storstäders" -> "stad", "bostad", "storstad"; null for other words. */
    private Analysis umlautPlural(String w) {
        for (String[] f : lexicon.umlautForms) {
            if (!w.endsWith(f[0])) {
                continue;
            }
            String prefix = w.substring(0, w.length() - f[0].length());
            if (prefix.isEmpty()) {
                return new Analysis(f[1], NO_PARTS);
            }
            if (f[0].length() <= 4 && !linked(prefix)) {
                continue; // "tjänstemän", "ombudsmän"; but "allmän" is no "allman"
            }
            if (prefix.length() < 2) {
                continue;
            }
            String mod = modifierWord(prefix);
            if (mod != null) {
                return new Analysis(prefix + f[1], prefix.length() >= MIN_MODIFIER ? new String[] {mod, f[1]} : NO_PARTS);
            }
            if (lexicon.isRoot(prefix)) { // "bo" + "städer"
                return new Analysis(prefix + f[1], NO_PARTS);
            }
        }
        return null;
    }

    private static boolean linked(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.length() >= 5 || (prefix.length() >= MIN_MODIFIER && (last == 's' || last == 'e'));
    }

    /**
     * The hunspell stem: the shortest root shorter than the word ("remisser" -> "remiss", not
     * "remissa"; "staden" -> "stad", not "städa"; "regeringen" -> "regering", which hunspell-sv
     * also lists as a root of its own), else the word itself where it is a root ("samråd", not
     * "samråda"), else the shortest root; null when the dictionary does not know the word. A
     * form hunspell-sv lists as an entry of its own that no suffix rule makes, and that this
     * reads as nothing but itself ("kände", "använt", "deltog", "öppet"), is stemmed as its lemma
     * in the full-form lexicon (full_forms.py): "känna", "använda" ("använd"), "delta", "öppen".
     */
    private String hunspellStem(String w) {
        String stem = rootStem(w);
        return hunspellStem(w, stem, prefersVerb(w, stem));
    }

    /** {@link #hunspellStem(String)} of a word whose {@link #rootStem} is {@code stem}, and which
     *  {@link #prefersVerb} read as its verb ({@code toVerb}) or not. */
    private String hunspellStem(String w, String stem, boolean toVerb) {
        if (toVerb) {
            String verb = rootStem(w, true); // "gälla", "mena": the verb, not the adjective "gäll", "men" inflected
            return verb != null ? verb : stem;
        }
        if (lexicon.isListedBare(w)) {
            String listed = lexicon.listedLemma(w); // "kände", "använt", "deltog": the verb's own stem
            boolean verbOverOther = stem != null && !stem.equals(w) && listed != null
                && (lexicon.rootClasses(listed) & SwedishLexicon.VERB) != 0
                && (lexicon.rootClasses(stem) & SwedishLexicon.VERB) == 0 && !lexicon.isWord(stem);
            if ((w.equals(stem) || verbOverOther) && listed != null && !listed.equals(w) && lexicon.isRoot(listed)) {
                return rootStemOr(listed); // "höjas" is "höja", as "höjer" is, not the root "höj"
            }
            if (w.equals(stem) && listed == null) {
                String verb = verbRoot(w); // "ställt", listed as itself and a supine of "ställa"
                if (verb != null) {
                    return rootStemOr(verb);
                }
            }
        }
        return stem;
    }

    /** True when {@code w} is a verb's form (an entry of a verb, or a verb's suffix on one) and
     *  {@code stem}, the root {@link #rootStem} chose, reads it only as an adjective's inflection:
     *  the verb is the word's stem, the adjective's indexed beside it ({@link #word}). */
    private boolean prefersVerb(String w, String stem) {
        if (stem == null || stem.equals(w) || (lexicon.rootClasses(stem) & SwedishLexicon.VERB) != 0) {
            return false;
        }
        boolean verb = false;
        boolean adjective = false; // read under stem, and only by an adjective's suffixes (O, P)
        for (AffixedWord a : hunspell.analyzeSimpleWord(w)) {
            DictEntry e = a.getDictEntry();
            verb |= (lexicon.entryClasses(e.getStem(), e.getFlags()) & SwedishLexicon.VERB) != 0;
            if (!e.getStem().equals(stem)) {
                continue;
            }
            if (!adjectiveSuffixesOnly(a)) {
                return false; // "gälla" of "gäll" by O; "mena" of "men" by O
            }
            adjective = true;
        }
        return verb && adjective;
    }

    /** True when the analysis took suffixes, every one an adjective's (O, P). */
    private static boolean adjectiveSuffixesOnly(AffixedWord a) {
        if (a.getSuffixes().isEmpty()) {
            return false;
        }
        for (AffixedWord.Affix s : a.getSuffixes()) {
            char f = s.getFlag().charAt(0);
            if (f != 'O' && f != 'P') {
                return false;
            }
        }
        return true;
    }

    /** The root of the one verb entry the dictionary derives {@code w} from by a verb's suffix,
     *  or null (none, or more than one). */
    private String verbRoot(String w) {
        String found = null;
        for (AffixedWord a : hunspell.analyzeSimpleWord(w)) {
            DictEntry e = a.getDictEntry();
            if (a.getSuffixes().isEmpty() || (lexicon.entryClasses(e.getStem(), e.getFlags()) & SwedishLexicon.VERB) == 0) {
                continue;
            }
            if (found != null && !found.equals(e.getStem())) {
                return null;
            }
            found = e.getStem();
        }
        return found;
    }

    /** The stem of a word read under its best root ({@link #bestRoot}, {@link #lemma}), or null. */
    private String rootStem(String w) {
        return rootStem(w, false);
    }

    /** {@link #rootStem(String)} of a dictionary root, or the root itself where it has none. */
    private String rootStemOr(String root) {
        String stem = rootStem(root);
        return stem == null ? root : stem;
    }

    /** As {@link #rootStem(String)}; with {@code verbsOnly}, among the roots of verb entries only. */
    private String rootStem(String w, boolean verbsOnly) {
        List<String> roots = hunspell.getRoots(w);
        if (verbsOnly) {
            roots = roots.stream().filter(r -> (lexicon.rootClasses(r) & SwedishLexicon.VERB) != 0).toList();
        }
        String root = bestRoot(w, roots);
        return root == null ? null : lemma(w, root);
    }

    /**
     * One stem for a noun and the verb hunspell-sv derives its plural from ("remisser" has only
     * the root "remissa", "fördelar" only "fördela"; "bedömer" and "bedöma" both "bedöma"): a
     * root in -a whose stem is a word of its own is that word, except in the forms of a noun in
     * -a ("fastan" stays "fasta", not "fast"); a bare listed form ("höga", "drivit") is the word
     * it inflects by its ending (where that leaves the word as it is, {@link #hunspellStem} asks
     * the full-form lexicon); an s-form the dictionary lists as a verb of its own is its active
     * verb's ({@link SwedishLexicon#passiveOf}).
     */
    private String lemma(String w, String root) {
        String weak = lexicon.weakVerbForm(root);
        if (weak != null) { // "visar", "visade", "visat": the verb "visa" ({@link SwedishLexicon#bareVerb})
            return weak;
        }
        String active = lexicon.passiveOf(root);
        if (active != null) { // "samlas", "samlades": the verb "samla"
            return lemma(w, active);
        }
        int n = root.length();
        if (n >= 4 && root.charAt(n - 1) == 'a' && w.startsWith(root.substring(0, n - 1))
                && !FIRST_DECLENSION.contains(w.substring(n - 1)) && lexicon.isWord(root.substring(0, n - 1))) {
            return root.substring(0, n - 1);
        }
        if (n >= 4 && lexicon.isBareForm(root)) {
            for (String end : BARE_ENDINGS) {
                if (n - end.length() >= 3 && root.endsWith(end)) {
                    String base = root.substring(0, n - end.length());
                    if (lexicon.isWord(base)) {
                        return base;
                    }
                    if (lexicon.isRoot(base + "a")) {
                        return base + "a";
                    }
                }
            }
        }
        return root;
    }

    /** Endings of a noun in -a ("fastan", "fastor"): such a form keeps its root ("fasta"). */
    private static final java.util.Set<String> FIRST_DECLENSION = java.util.Set.of(
        "an", "ans", "or", "ors", "orna", "ornas");
    private static final String[] BARE_ENDINGS = {"arna", "erna", "orna", "en", "et", "na", "it", "a", "e", "t"};

    private static String bestRoot(String w, List<String> roots) {
        String shorter = null;
        String other = null;
        boolean self = false;
        for (String t : roots) {
            if (t.equals(w)) {
                self = true;
            } else if (t.length() < w.length() && t.length() >= 2) {
                if (shorter == null || t.length() < shorter.length()) {
                    shorter = t;
                }
            } else if (other == null || t.length() < other.length()) {
                other = t;
            }
        }
        return shorter != null ? shorter : self ? w : other;
    }

    /**
     * Modifier + head, the longest head first. ``strict`` (a word the dictionary knows): the
     * head must be a dictionary word allowed at a compound's end; otherwise a word of general
     * Swedish text may be the head too.
     */
    private Split split(String w, boolean strict) {
        return split(w, strict, null);
    }

    /** As {@link #split(String, boolean)}; {@code known}, the word's dictionary stem (null for
     *  a word it does not know), is the compound the modifier and the head's stem must make. */
    private Split split(String w, boolean strict, String known) {
        Split s = split(w, strict, known, false);
        if (s == null) {
            s = shortHeadSplit(w, known);
        }
        if (s == null) {
            s = split(w, strict, known, true); // none as written: a dropped consonant
        }
        // not for a modifier's own split ({@link #compoundModifier}): "elsparkcykel" is el +
        // sparkcykel, not "elspark" + cykel
        return s != null || nested ? s : lastResortSplit(w, known);
    }

    /** The first split, the longest head first; {@code dropped}: only where the modifier lost a
     *  consonant before the head ({@link #droppedConsonant}), tried after every split as written
     *  ("kattunge" stays katt + unge, not "kat(t)" + "tunge"), a known word's stem exactly the two
     *  ("åsidosättande" is no "åsidosät(t)" + "tand"). Where both readings make words the
     *  restored one wins: "ryggrad" is read rygg + grad (it is rygg + rad). */
    private Split split(String w, boolean strict, String known, boolean dropped) {
        for (int i = MIN_MODIFIER; i <= w.length() - MIN_HEAD; i++) {
            String head = w.substring(i);
            String form = w.substring(0, i);
            if (dropped && !droppedConsonant(form, head)) {
                continue;
            }
            String headStem = headStem(head, strict);
            if (headStem == null && !dropped) {
                headStem = deverbal(form, head);
            }
            if (headStem == null) {
                continue;
            }
            if (known != null && (dropped ? !known.equals(form + headStem) : !makes(known, form, headStem))) {
                continue; // across the word's inflection: "ungdomarna" (ungdom) is no "ung" + "domare"
            }
            // "remis" + "svar": the modifier with its dropped consonant restored, a dictionary modifier
            String mod = dropped ? lexicon.modifier(form + head.charAt(0)) : modifierWord(form);
            if (mod != null) {
                Split linked = dropped ? null : linkingSFirst(form, head, strict, known);
                return atLinkingS(linked != null ? linked : new Split(form, mod, headStem, head));
            }
        }
        return null;
    }

    /** The split after the linking s where a head in s- follows a noun of a derivational suffix
     *  that takes the s as a rule ({@link #S_LINKED}) and the rest is a head too: "kostnadsökning"
     *  is kostnad + ökning, not kostnad + sökning, "befolkningsökning" befolkning + ökning,
     *  "utbildningslag" utbildning + lag. Null where that is no split. */
    private Split linkingSFirst(String form, String head, boolean strict, String known) {
        if (head.length() <= MIN_HEAD || head.charAt(0) != 's' || !S_LINKED.matcher(form).find()) {
            return null;
        }
        String rest = head.substring(1);
        String restStem = headStem(rest, strict);
        if (restStem == null || (known != null && !makes(known, form + "s", restStem))) {
            return null;
        }
        String mod = modifierWord(form + "s");
        return mod == null ? null : new Split(form + "s", mod, restStem, rest);
    }

    /**
     * True where a modifier ending in a double consonant may have lost one before a head beginning
     * with the same consonant: Swedish writes three equal consonants as two ("remiss" + "svar" is
     * "remissvar", "buss" + "station" "busstation", "kontroll" + "lampa" "kontrollampa"). Tried only
     * where no split as written is found, with the restored one a dictionary modifier.
     */
    private static boolean droppedConsonant(String form, String head) {
        int n = form.length();
        char c = form.charAt(n - 1);
        return c == head.charAt(0) && !SwedishLexicon.vowel(c) && form.charAt(n - 2) != c;
    }

    /**
     * A compound of three words whose first two are joined by a linking s and whose head follows
     * the second without one ("innerstadscykelplan", "ytterstadsparklekar"): Swedish puts the
     * linking s at a compound's main boundary after a first part that is itself a compound, so
     * the parts are the first word and the rest, innerstad + cykelplan, ytterstad + parklek, not
     * innerstadscykel + plan (the rest's own parts, cykel and plan, follow one level down, as any
     * head's do). Only where the s is no letter of the word before it (no linking s follows an
     * s, and the first word with its s is no word of its own), the words on both sides are
     * modifiers and the first is a compound the dictionary splits: a linking s after a simple
     * word says nothing ("arbetsgivaravgift", "hyresgästförening" keep their splits). A modifier
     * ending in s keeps its split ("stadsdels" + "nämnd": that last s is the boundary). No word
     * of 71,902 of general text and the dictionary changes its analysis.
     */
    private Split atLinkingS(Split s) {
        String form = s.modifierForm;
        int n = form.length();
        if (form.charAt(n - 1) == 's') {
            return s;
        }
        for (int k = n - MIN_MODIFIER; k > MIN_MODIFIER; k--) {
            if (form.charAt(k - 1) != 's' || form.charAt(k - 2) == 's' || lexicon.isWord(form.substring(0, k))) {
                continue;
            }
            String first = lexicon.modifier(form.substring(0, k - 1));
            if (first == null) {
                first = lexicon.modifier(form.substring(0, k));
            }
            String second = form.substring(k);
            String secondWord = lexicon.modifier(second);
            if (secondWord == null && second.length() >= 4 && lexicon.isGeneral(second)) {
                secondWord = second;
            }
            if (first != null && secondWord != null && first.length() >= MIN_COMPOUND && split(first, true, first) != null) {
                // the rest's stem as the rest alone is stemmed: its modifier as written, its head's stem
                return new Split(form.substring(0, k), first, second + s.headStem, second + s.headForm);
            }
        }
        return s;
    }

    /** True when a known word's stem is the modifier as written and the head's stem, but for
     *  the head's last two letters ("deltagare" is "deltaga" to hunspell-sv, "del" + "tagare"). */
    private static boolean makes(String known, String form, String headStem) {
        return known.startsWith(form + headStem.substring(0, Math.max(2, headStem.length() - 2)));
    }

    /**
     * A compound whose head is a three-letter noun, the dictionary's word or not ("pensionärsrådet"
     * -> "pensionär", "råd"; "husbilar" -> "hus", "bil"), tried only where no longer head is
     * found: the head a dictionary noun (a root with definite forms, or one hunspell-sv lets end a
     * compound, even where it does not flag it so, as "råd" and "del"), not a suffix-like word
     * ({@link #NOT_SHORT_HEADS}), and the rest a dictionary modifier of at least
     * {@link #MIN_MODIFIER} letters, never a word of general text alone. A word the dictionary
     * knows is split so only where its stem is that modifier and head ("pensionärsråd"), never
     * across an inflection ("författaren" is no "författa" + "ren", "planerad" no "plan" + "rad").
     */
    private Split shortHeadSplit(String w, String known) {
        for (int i = MIN_MODIFIER; i <= w.length() - SHORT_HEAD; i++) {
            String headStem = w.substring(i, i + SHORT_HEAD); // the head's root begins the head
            if (!lexicon.isShortHead(headStem)
                    || (known != null && !known.equals(w.substring(0, i) + headStem))
                    || !hunspell.getRoots(w.substring(i)).contains(headStem)) {
                continue;
            }
            String form = w.substring(0, i);
            String mod = dictionaryModifier(form);
            if (mod != null && mod.length() >= MIN_MODIFIER
                    && (!NOT_SHORT_HEADS.contains(headStem) || headStem.equals(NOUN_AFTER_NOUN) && nounOnly(mod))) {
                return new Split(form, mod, headStem, w.substring(i));
            }
        }
        return null;
    }

    /** The dictionary's analyses of a word ({@code word}), or of a coined compound's head as written. */
    private record Readings(String word, List<AffixedWord> analyses) {}

    /** The dictionary's analyses of {@code w} or, where it has none (a coined compound), of its head
     *  as written, of at least {@code minHead} letters; null where there are none. */
    private Readings readingsOrHead(String w, int minHead) {
        List<AffixedWord> readings = hunspell.analyzeSimpleWord(w);
        if (!readings.isEmpty()) {
            return new Readings(w, readings);
        }
        String head = headForm(w);
        if (head == null || head.equals(w) || head.length() < minHead) {
            return null;
        }
        readings = hunspell.analyzeSimpleWord(head);
        return readings.isEmpty() ? null : new Readings(head, readings);
    }

    /** True where the dictionary reads {@code w} as an adjective's form in -a by an adjective's
     *  suffixes ("låga" of "låg", beside the noun and verb "låga"): what {@link SwedishStemFilter}
     *  asks of a word before a noun's form ({@link #nounFormOnly}). */
    boolean adjectiveFormInA(String w) {
        if (lexicon == null || !useDictionary || w.length() < 4 || !letters(w) || !w.endsWith("a")) {
            return false;
        }
        for (AffixedWord a : hunspell.analyzeSimpleWord(w)) {
            DictEntry e = a.getDictEntry();
            if (adjectiveSuffixesOnly(a) && (lexicon.entryClasses(e.getStem(), e.getFlags()) & SwedishLexicon.ADJECTIVE) != 0) {
                return true;
            }
        }
        return false;
    }

    /** True for a word every dictionary reading of which is a noun's entry or form ("krav",
     *  "nivåerna"; "flöden", written out, by its lemma in the full-form lexicon; not "lagar", also
     *  the verb "laga"'s), or a compound the dictionary does not know whose head as written is
     *  one: the noun an adjective's form in -a agrees with ({@link #adjectiveFormInA}). */
    boolean nounFormOnly(String w) {
        if (lexicon == null || !useDictionary || w.length() < 3 || !letters(w)) {
            return false;
        }
        Readings readings = readingsOrHead(w, 0);
        if (readings == null) {
            return false;
        }
        for (AffixedWord x : readings.analyses()) {
            DictEntry e = x.getDictEntry();
            int entry = lexicon.entryClasses(e.getStem(), e.getFlags());
            if (entry == 0) { // a form written out ("flöden/XY"): its lemma's classes, where the form
                // keeps the lemma's stem ("brann" is no noun "brinna"'s: hunspell-sv gives some
                // strong verbs noun flags)
                String lemma = lexicon.listedLemma(e.getStem());
                boolean keepsStem = lemma != null && e.getStem().startsWith(
                    lemma.endsWith("a") ? lemma.substring(0, lemma.length() - 1) : lemma);
                entry = keepsStem ? lexicon.rootClasses(lemma) : 0;
            }
            if (entry == 0 || (entry & ~SwedishLexicon.NOUN) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * True for a common noun's singular indefinite form, the one noun an attributive adjective's
     * base form agrees with ("lokal dialog", "central styrning"; a neuter, definite or plural noun
     * takes "lokalt", "lokala"): a word every dictionary reading of which is that noun's entry as
     * itself - no other word class, no inflected form ("hösten"), no function word listed bare
     * ("trots"), no neuter (its definite in -et or -t a form of it: "beslutet", "genomet") - or a
     * compound the dictionary does not know whose head as written is one ("facebookgrupp"). What
     * {@link SwedishStemFilter} asks of the word after a base form that may be a noun or an
     * adjective.
     */
    boolean commonNounBase(String w) {
        if (lexicon == null || !useDictionary || w.length() < 3 || !letters(w)) {
            return false;
        }
        Readings readings = readingsOrHead(w, MIN_MODIFIER);
        if (readings == null) {
            return false;
        }
        String head = readings.word();
        for (AffixedWord x : readings.analyses()) {
            DictEntry e = x.getDictEntry();
            if (!e.getStem().equals(head) || !x.getSuffixes().isEmpty()
                    || lexicon.entryClasses(e.getStem(), e.getFlags()) != SwedishLexicon.NOUN) {
                return false;
            }
        }
        String definite = head + (SwedishLexicon.vowel(head.charAt(head.length() - 1)) ? "t" : "et");
        for (AffixedWord x : hunspell.analyzeSimpleWord(definite)) {
            if (x.getDictEntry().getStem().equals(head)) {
                return false; // a neuter: "beslutet"
            }
        }
        return true;
    }

    /** True for a word the dictionary has as a noun alone ("park", "sång"; not "stor", "kär",
     *  "halv", nor "bygg", the verb "bygga"'s root). */
    private boolean nounOnly(String word) {
        int classes = formClasses(word, word);
        return (classes & SwedishLexicon.NOUN) != 0 && (classes & (SwedishLexicon.ADJECTIVE | SwedishLexicon.VERB)) == 0
            && !lexicon.isRoot(word + "a"); // "bygg": the verb "bygga"'s root
    }

    private String headStem(String head, boolean strict) {
        for (String[] f : lexicon.umlautForms) {
            if (head.equals(f[0])) {
                return f[1];
            }
        }
        List<String> roots = new java.util.ArrayList<>();
        for (String t : hunspell.getRoots(head)) {
            if (t.length() >= MIN_MODIFIER && !NOT_HEADS.contains(t) && lexicon.endsCompound(t)) {
                roots.add(t);
            }
        }
        String root = bestRoot(head, roots);
        if (root != null && lexicon.pluralOnVerbClass(root, head) != 0 && lexicon.endsCompound(root.substring(0, root.length() - 1))) {
            return root.substring(0, root.length() - 1); // "miljöfördelar", "parkbänkarna": the noun's plural
        }
        String agent = root == null ? null : agentNoun(head);
        if (agent != null) {
            return agent; // "tjänsteanvändare": the agent noun, not "använda"
        }
        if (root != null) {
            return root;
        }
        if (!strict && head.length() >= 5 && lexicon.isGeneral(head)) {
            return fallbackStem(head);
        }
        return null;
    }

    /** Endings of a noun in -ing: the base, the definite, the genitives and the plurals
     *  ("föring", "föringen", "föringar"). */
    private static final String[] ING_FORMS = {"ing", "ingen", "ingens", "ings", "ingar", "ingarna", "ingarnas"};

    /** The stem of a noun in -ing made of a verb in -a that hunspell-sv lists in compounds only
     *  ("föring" of "föra" in "marknadsföring", "diarieföring": no entry of its own, so no head),
     *  or null: only after a modifier in its compound form, which says where the boundary is
     *  ("marknads", "diarie"; not "ben" + "ämning", "best" + "ämning", "bok" + "föring"), the
     *  verb's root at least three letters ("planering" is no "era"'s), and the noun itself no
     *  dictionary word (one that is, is a head as any word is). */
    private String deverbal(String form, String head) {
        String mod = lexicon.modifier(form);
        if (mod == null || mod.equals(form)) {
            return null;
        }
        for (String end : ING_FORMS) {
            if (head.endsWith(end)) {
                String root = head.substring(0, head.length() - end.length());
                if (root.length() >= 3 && (lexicon.rootClasses(root + "a") & SwedishLexicon.VERB) != 0
                        && !lexicon.isRoot(root + "ing")) {
                    return root + "ing";
                }
                return null;
            }
        }
        return null;
    }

    /** The word a compound's first part comes from, or null: a form the dictionary allows at
     *  a compound's start ("trygghets"), the same with a linking vowel ("förskole" from
     *  "förskol"), a word of general Swedish text ("facebook"), or two such parts ("stadsdels"). */
    String modifierWord(String form) {
        String m = knownModifier(form);
        if (m != null) {
            return m;
        }
        if (form.length() >= 4 && lexicon.isGeneral(form)) {
            return form;
        }
        m = linkedModifier(form);
        if (m != null) {
            return m;
        }
        m = twoPartModifier(form);
        return m != null ? m : compoundModifier(form);
    }

    /** A modifier that is itself a compound the dictionary does not know, as written or before a
     *  linking s or vowel ("kombolägenhets" -> "kombolägenhet", "cykelplane" -> "cykelplan"): its
     *  stem, the modifier as written plus its head's stem. */
    private String compoundModifier(String form) {
        if (nested || form.length() > MAX_COMPOUND_MODIFIER) {
            return null; // one level only: a modifier's own modifier is no compound of its own (cost)
        }
        int n = form.length();
        char last = form.charAt(n - 1);
        String[] candidates = "seaou".indexOf(last) >= 0 ? new String[] {form.substring(0, n - 1), form} : new String[] {form};
        for (String c : candidates) {
            if (c.length() >= MIN_COMPOUND && hunspell.getRoots(c).isEmpty()) {
                Split inner;
                nested = true;
                try {
                    inner = split(c, false);
                } finally {
                    nested = false;
                }
                if (inner != null && inner.headStem.length() >= MIN_HEAD) {
                    return inner.modifierForm + inner.headStem;
                }
            }
        }
        return null;
    }

    /** The word of a form the dictionary allows at a compound's start (modifiers.txt), or null;
     *  an agent noun's compound form the dictionary lists as a word of its own ("användar",
     *  "beställar": the noun is made on its verb's entry, {@link #agentNoun}) is the agent noun's,
     *  as "medarbetar" is "medarbetare", so "användare" finds "användarstöd". */
    private String knownModifier(String form) {
        String m = lexicon.modifier(form);
        if (m != null && m.equals(form) && form.endsWith("ar") && (form + "e").equals(agentNoun(form + "e"))) {
            return form + "e";
        }
        return m;
    }

    /** {@link #modifierWord} without words of general text: a modifier the dictionary knows. */
    private String dictionaryModifier(String form) {
        String m = knownModifier(form);
        if (m != null) {
            return m;
        }
        m = linkedModifier(form);
        return m != null ? m : twoPartModifier(form);
    }

    /** A modifier with a linking vowel or s the dictionary does not list ("förskole" -> "förskola"). */
    private String linkedModifier(String form) {
        int n = form.length();
        if (n >= MIN_MODIFIER + 1) {
            char last = form.charAt(n - 1);
            if (last == 'e' || last == 'o' || last == 'u' || last == 'a' || last == 's') {
                String shorter = form.substring(0, n - 1);
                String m = lexicon.modifier(shorter);
                if (m != null) {
                    return m;
                }
                if (last != 's' && lexicon.isRoot(shorter + "a")) {
                    return shorter + "a";
                }
                // the linking s that a noun of a derivational suffix takes as a rule, where the
                // dictionary lists no compound form of it ("avbördnings" of "avbördning")
                if (last == 's' && (S_LINKED.matcher(shorter).find() || particleNoun(shorter))
                        && (lexicon.rootClasses(shorter) & SwedishLexicon.NOUN) != 0) {
                    return shorter;
                }
            }
        }
        return null;
    }

    /** True for a noun made of a particle and a word of its own ("intag": in + tag, "utsläpp",
     *  "avdrag"): a modifier that is itself a compound takes the linking s, as these do
     *  ("intagsledning", "utsläppsrätt"), where the dictionary lists no compound form of it. */
    private boolean particleNoun(String word) {
        for (int i = 2; i <= word.length() - 3; i++) {
            if (PARTICLES.contains(word.substring(0, i)) && (lexicon.rootClasses(word.substring(i)) & SwedishLexicon.NOUN) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The splits tried last, where no modifier the dictionary lists begins a word before a head
     * (null where none): the head a dictionary word allowed at a compound's
     * end ({@code strict}), of at least {@link #MIN_HEAD} letters, the longest first, after
     * <ul>
     * <li>a noun of a derivational suffix the dictionary does not know and the linking s such a
     *     noun takes as a rule ("avbördnings" + "kurva": {@link #S_LINKED}), the noun at least six
     *     letters;</li>
     * <li>a verb's root of four letters or more, the infinitive less its -a, where the dictionary
     *     has the verb and no noun or word of that spelling, nor a noun of the root and -e
     *     ("ladd" + "station": ladda; "laddpunkter", "styrdokument"; not "nack": nacke), a noun's
     *     head of five letters or more - also in a word the dictionary knows, where its stem is
     *     the two ("laddstationens");</li>
     * <li>a noun of two letters that begins compounds ({@link #twoLetterNoun}: "kö" + "tillsyn",
     *     "bo" + "område"), a noun's head of five letters or more, in a word the dictionary does
     *     not know.</li>
     * </ul>
     * Never a particle or prefix ("för" + "kylning" is no "föra"'s). The two-letter noun and the
     * unknown derivational noun are not tried in a dictionary word: over the 71,902 probe words
     * known words split so were mostly derivations or words of their own ("identitet", "envishet",
     * "arvinge", "island"). Each is a boundary the dictionary does not describe, taken only where
     * nothing else is.
     */
    private Split lastResortSplit(String w, String known) {
        if (w.length() < MIN_COMPOUND || !letters(w) || known == null && lexicon.verbOf(w) != null
                || known == null && w.endsWith("s") && !hunspell.getRoots(w.substring(0, w.length() - 1)).isEmpty()) {
            // a word the full-form lexicon has as a verb's ("urskuld": urskulda), or a known word's
            // genitive the dictionary does not list ("islands", "danmarks")
            return null;
        }
        for (int i = 2; i <= w.length() - MIN_HEAD; i++) {
            String form = w.substring(0, i);
            String head = w.substring(i);
            String mod = null;
            if (PARTICLES.contains(form)) {
                continue;
            }
            boolean derived = form.endsWith("s") && i >= 7 && S_LINKED.matcher(form.substring(0, i - 1)).find();
            if (known != null && (i == 2 || derived)) {
                continue; // a known word only after a verb's root, its stem the two
            } else if (i == 2) {
                mod = head.length() >= 5 && twoLetterNoun(form) ? form : null;
            } else if (derived) {
                mod = form.substring(0, i - 1);
            } else if (i >= 4 && head.length() >= 5 && !SwedishLexicon.vowel(form.charAt(i - 1)) && !lexicon.isRoot(form)
                    && (lexicon.rootClasses(form + "a") & (SwedishLexicon.VERB | SwedishLexicon.NOUN)) == SwedishLexicon.VERB
                    && (lexicon.rootClasses(form + "e") & SwedishLexicon.NOUN) == 0) { // "nack": nacke, not nacka
                mod = form + "a";
            }
            if (mod == null) {
                continue;
            }
            String headStem = headStem(head, true);
            // a noun's head ("station", "cykel"), not an adjective's or a verb's ("värpsjuk", "okända")
            int classes = headStem == null ? 0 : lexicon.rootClasses(headStem);
            if (headStem != null && headStem.length() >= MIN_HEAD && (known == null || makes(known, form, headStem))
                    && (derived || (classes & SwedishLexicon.NOUN) != 0 && (classes & SwedishLexicon.ADJECTIVE) == 0)) {
                return new Split(form, mod, headStem, head);
            }
        }
        return null;
    }

    /** True for a dictionary noun of two letters that begins compounds: its definite form ("elen",
     *  "isen", "kön", "boet") is one of its forms, and the dictionary writes it before a hyphen
     *  (flag b: "el-", as in "el- och gasmarknaden"), which it does not for "ha", "vi", "ok", "ar",
     *  "kl"; not the article "en". */
    private boolean twoLetterNoun(String form) {
        if (!lexicon.hasFlag(form, 'b') || form.equals("en")) { // hasFlag: a root of its own
            return false;
        }
        boolean vowelLast = SwedishLexicon.vowel(form.charAt(1));
        for (String def : vowelLast ? new String[] {form + "n", form + "t"} : new String[] {form + "en", form + "et"}) {
            if (hunspell.getRoots(def).contains(form)) {
                return true;
            }
        }
        return false;
    }

    /** The second reading of a coined compound's head, at one position with its stem (the
     *  {@link Analysis#verb} of the head alone: an adjective's form that is a verb's too), or null. */
    private String headSecondReading(Split s) {
        Analysis head = analyze(s.headForm);
        String second = head.verb();
        // not a tagged stem ("bönfall#v"): the compound's own reading is no token a query makes
        return second == null || second.equals(s.headStem) || second.indexOf('#') >= 0 ? null : second;
    }

    /** Suffixes of nouns that take a linking s in compounds as a rule ("förvaltnings",
     *  "trygghets", "egenskaps", "stations"; not -else, -ism: "händelseförlopp", "turismstrategi"). */
    private static final java.util.regex.Pattern S_LINKED = java.util.regex.Pattern.compile(
        ".{2,}(ning|het|dom|skap|tion|sion|itet|nad)$");

    /** Two dictionary parts ("stadsdels", "barnrätts"): the first as written and the second's
     *  word ("stadsdel", "barnrätt"), so the linking -s- and a dropped vowel do not stay. */
    private String twoPartModifier(String form) {
        int n = form.length();
        for (int i = MIN_MODIFIER; i <= n - MIN_MODIFIER; i++) {
            String first = lexicon.modifier(form.substring(0, i));
            if (first == null) {
                continue;
            }
            String second = form.substring(i);
            String word = lexicon.modifier(second);
            if (word == null) {
                continue;
            }
            if (second.endsWith("s") && lexicon.isWord(second.substring(0, second.length() - 1))) {
                return form.substring(0, n - 1);
            }
            // a changed or dropped final letter ("skole" -> "skola", "ägar" -> "ägare"); not a Latin
            // noun's -ie form ("socialmedie" stays: the archive split finds social + medium)
            boolean finalLetter = word.length() == second.length()
                || (word.length() == second.length() + 1 && word.startsWith(second));
            if (lexicon.isWord(word) && finalLetter && word.startsWith(second.substring(0, second.length() - 1))) {
                return form.substring(0, i) + word;
            }
            return form;
        }
        return null;
    }

    String fallbackStem(String w) {
        switch (fallback) {
            case SNOWBALL:
                snowball.setCurrent(w);
                snowball.stem();
                return snowball.getCurrent();
            case LIGHT:
                char[] buf = w.toCharArray();
                return new String(buf, 0, LightStemmer.stem(buf, buf.length));
            default:
                return w;
        }
    }
}
