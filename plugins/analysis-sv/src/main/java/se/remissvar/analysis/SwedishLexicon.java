package se.remissvar.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.hunspell.DictEntries;
import org.apache.lucene.analysis.hunspell.DictEntry;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * What the filter knows of Swedish, loaded once per node from the plugin's jar: the hunspell-sv
 * dictionary, the forms it allows at the start or middle of a compound (modifiers.txt, made by
 * build.py from the dictionary's compound flags), words of general Swedish text (general_sv.txt)
 * and the umlaut plurals, which the dictionary either does not know ("bostäder") or stems to
 * another word ("städer" to "städa", to clean).
 */
final class SwedishLexicon {
    /** COMPOUNDEND in sv_SE.aff: the word may end a compound. */
    static final char COMPOUND_END = 'Y';

    /**
     * Singular and its umlaut plural stem; the plural's definite and genitive forms (-na, -s,
     * -nas) are derived. Matched at a word's end after nothing or after a known word (so
     * "bostäder", "storstäder" and "förstäderna" but not "gränder").
     */
    private static final String[][] UMLAUT_PLURALS = {
        {"stad", "städer"}, {"hand", "händer"}, {"land", "länder"}, {"strand", "stränder"},
        {"tand", "tänder"}, {"brand", "bränder"}, {"rand", "ränder"}, {"natt", "nätter"},
        {"bok", "böcker"}, {"fot", "fötter"}, {"rot", "rötter"}, {"son", "söner"}, {"bonde", "bönder"},
        {"ledamot", "ledamöter"}, {"stång", "stänger"}, {"tång", "tänger"}, {"fader", "fäder"},
        {"broder", "bröder"}, {"moder", "mödrar"}, {"dotter", "döttrar"}, {"man", "män"},
        {"gås", "gäss"}, {"mus", "möss"}, {"lus", "löss"},
    };
    /** Adjectives whose comparison changes the vowel ("större" and "störst" are "stor") or the
     *  root ("äldre" is "gammal", "fler" "många"). */
    private static final String[][] UMLAUT_COMPARISONS = {
        {"stor", "större", "störst", "största"}, {"lång", "längre", "längst", "längsta"},
        {"ung", "yngre", "yngst", "yngsta"}, {"låg", "lägre", "lägst", "lägsta"},
        {"tung", "tyngre", "tyngst", "tyngsta"}, {"trång", "trängre", "trängst", "trängsta"},
        {"grov", "grövre", "grövst", "grövsta"}, {"få", "färre", "färst", "färsta"},
        {"hög", "högre", "högst", "högsta"},
        // irregular comparisons (another root): the positive's stem, as a dictionary of Swedish reads them
        {"gammal", "äldre", "äldst", "äldsta"},
        {"liten", "liten", "lilla", "små", "mindre", "minst", "minsta"}, // hunspell-sv reads "liten" as "lita"
        {"bra", "bättre", "bäst", "bästa"}, {"dålig", "sämre", "sämst", "sämsta"},
        {"många", "fler", "flera", "flest", "flesta"}, {"nära", "närmare", "närmast", "närmaste"},
    };
    /**
     * Strong and irregular verbs whose forms hunspell-sv lists apart from the infinitive, or
     * stems to another word ("växte" to "växt", "tog" to "toga", "fanns" to "fan"): the
     * infinitive first, then its present, past, supine and passive forms. Forms that are common
     * words of their own are left out ("låg", "satt", "var", "får", "bär", "åt", "band", "steg");
     * those in {@link #PREFIXED_ONLY} count only after a particle ("ansåg", "innebar", "bidrog").
     */
    private static final String[][] STRONG_VERBS = {
        {"växa", "växer", "växte", "vuxit", "vuxits"},
        {"ta", "tar", "tog", "tagit", "tagits", "togs", "tas"},
        {"dra", "drar", "drog", "dragit", "dragits", "drogs", "dras"},
        {"ge", "ger", "gav", "gett", "givit", "getts", "givits", "gavs", "ges"},
        {"gå", "går", "gick", "gått"},
        {"bära", "bar", "burit", "burits", "bars"},
        {"skriva", "skriver", "skrev", "skrivit", "skrivits", "skrevs", "skrivs"},
        {"driva", "driver", "drev", "drivit", "drivits", "drevs", "drivs"},
        {"finna", "finner", "fann", "funnit", "finns", "fanns", "funnits"}, // finnas is finna too
        {"bli", "blir", "blev", "blivit"},
        {"göra", "gör", "gjorde", "gjort", "gjorts", "gjordes", "görs"},
        {"komma", "kommer", "kom", "kommit"},
        {"se", "ser", "såg", "sett", "setts", "sågs", "ses"},
        {"stå", "står", "stod", "stått"},
        {"sitta", "sitter", "suttit"},
        {"ligga", "ligger", "legat"},
        {"välja", "väljer", "valde", "valt", "valts", "valdes", "väljs"},
        {"säga", "säger", "sade", "sagt", "sagts", "sades", "sägs"},
        {"veta", "vet", "visste", "vetat"},
        {"bryta", "bryter", "bröt", "brutit", "brutits", "bröts", "bryts"},
        {"slå", "slår", "slog", "slagit", "slagits", "slogs", "slås"},
        {"bjuda", "bjuder", "bjöd", "bjudit", "bjudits", "bjöds", "bjuds"},
        {"hålla", "håller", "höll", "hållit", "hållits", "hölls", "hålls"},
        {"lägga", "lägger", "lade", "lagt", "lagts", "lades", "läggs"},
        {"sätta", "sätter", "satte", "satts", "sattes", "sätts"},
        {"sälja", "säljer", "sålde", "sålt", "sålts", "såldes", "säljs"},
        {"vinna", "vinner", "vann", "vunnit"},
        {"försvinna", "försvinner", "försvann", "försvunnit"},
        {"sjunka", "sjunker", "sjönk", "sjunkit"},
        {"springa", "springer", "sprang", "sprungit"},
        {"stryka", "stryker", "strök", "strukit", "strukits", "ströks", "stryks"},
        {"skjuta", "skjuter", "sköt", "skjutit", "skjutits", "sköts", "skjuts"},
        {"falla", "faller", "föll", "fallit"},
        {"låta", "låter", "lät", "låtit"},
        {"flyga", "flyger", "flög", "flugit"},
        {"gripa", "griper", "grep", "gripit", "gripits", "greps", "grips"},
        {"frysa", "fryser", "frös", "frusit"},
        {"böra", "bör", "borde"},
        {"vilja", "vill", "ville", "velat"},
        {"kunna", "kan", "kunde", "kunnat"},
    };
    /** Strong participles that are words of their own, not searched as their verb: "vuxna"
     *  (adults) would find "växer" (grows). */
    private static final Set<String> LEXICALIZED_PARTICIPLES = Set.of("vuxen", "vuxna", "vuxet");
    /** Verb forms that are also other words ("drog" a drug, "bar" bare, "såg" a saw, "drev"): a
     *  verb's form only after a particle. */
    private static final Set<String> PREFIXED_ONLY = Set.of("drog", "drogs", "bar", "bars", "såg", "drev");
    /** The shortest strong form read after a word ("gjorde", "sätts", "håller"): a shorter one
     *  ends too many other words ("tomtar" is no "tomta", "handlade" no "handlägga"). */
    private static final int MIN_COMPOUND_VERB_FORM = 5;
    /** Verb particles a strong verb's form may follow ("an" + "såg": "ansåg" is "anse"). */
    private static final String[] PARTICLES = {
        "tillbaka", "efter", "genom", "under", "fram", "inne", "till", "upp", "åter", "över",
        "före", "för", "med", "mot", "ned", "ner", "sam", "an", "av", "be", "bi", "in", "om", "på", "ut"};

    private static volatile SwedishLexicon instance;

    final Dictionary dictionary;
    /** Every flag sv_SE.aff defines: its affixes' and its directives' (compounding, NEEDAFFIX...). */
    private final String definedFlags;
    private final Map<String, String> modifiers;
    private final Set<String> general;
    /** Every umlaut plural form (with -na, -s, -nas) -> singular, and every umlaut comparison
     *  -> its positive, longest first. */
    final List<String[]> umlautForms;
    /** The comparisons among {@link #umlautForms} ("högre", "störst"). */
    private final Set<String> comparisons = new HashSet<>();
    /** The words {@link #umlautForms} are forms of ("bok", "man", "stad"). */
    private final Set<String> umlautStems;
    private final Map<String, String> verbForms = new HashMap<>();
    /** A strong verb's participle (its supine's -it as -en, -na, -et: "tagen", "skrivna",
     *  "slaget"; an irregular weak verb's supine in a consonant and -t as -d, -da: "gjord",
     *  "valda", "lagd") -> the verb. */
    private final Map<String, String> strongParticiples = new HashMap<>();
    /** Such a participle -> its common gender's form, which its stem is ("tagna" -> "tagen",
     *  "gjorda" -> "gjord"). */
    private final Map<String, String> participleBases = new HashMap<>();
    /** The flags of sv_SE.aff's suffix rules. */
    private final String suffixFlags;
    /** The full-form lexicon's lemmas (full_forms.py). */
    private final Map<String, String> lemmas = new HashMap<>();
    /** Participles and supines -> their verb (full_forms.verb_forms). */
    private final Map<String, String> verbs = new HashMap<>();
    /** Lucene's Swedish stop words (Elasticsearch's _swedish_ list): the words the stemmed fields
     *  drop, read as words of their own first. */
    static final org.apache.lucene.analysis.CharArraySet STOP_WORDS =
        org.apache.lucene.analysis.sv.SwedishAnalyzer.getDefaultStopSet();

    /** A cache of at most {@code size} entries, the least recently used dropped first. */
    static <V> Map<String, V> lru(int size) {
        return new java.util.LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > size;
            }
        };
    }

    /** How often a word occurs in general Swedish text: wordfreq's bucket, in centibels below one
     *  per word (words/frequencies_sv.tsv.gz, tools/word_frequencies.py). */
    private final Map<String, Short> centibels = new HashMap<>();
    /** A reading's frequency in general text ({@link SwedishWords#commonReadings}), by the
     *  analysis's mode, its tag and the form it is weighed for: computed once; only forms of ten
     *  per million words or more are weighed, so it holds a few thousand entries at most. */
    final java.util.concurrent.ConcurrentHashMap<String, Double> readingFrequencies = new java.util.concurrent.ConcurrentHashMap<>();

    private SwedishLexicon() {
        try (InputStream aff = open("sv_SE.aff"); InputStream dic = open("sv_SE.dic")) {
            dictionary = new Dictionary(new ByteBuffersDirectory(), "sv", aff, dic);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("sv_SE.aff kunde inte läsas", e);
        }
        List<String> aff = lines("sv_SE.aff");
        definedFlags = definedFlags(aff);
        suffixFlags = suffixFlags(aff);
        modifiers = new HashMap<>();
        for (String line : lines("modifiers.txt")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                modifiers.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        general = new HashSet<>(lines("general_sv.txt"));
        for (String line : lines("full_forms.txt")) { // form, lemma (build.py, full_forms.py)
            int tab = line.indexOf('\t');
            if (tab > 0) {
                lemmas.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        for (String line : lines("frequencies_sv.txt")) { // word, centibels (build.py, tools/word_frequencies.py)
            int tab = line.indexOf('\t');
            if (tab > 0) {
                centibels.put(line.substring(0, tab), Short.parseShort(line.substring(tab + 1)));
            }
        }
        for (String line : lines("verb_forms.txt")) { // form, verb (build.py, full_forms.verb_forms)
            int tab = line.indexOf('\t');
            if (tab > 0) {
                verbs.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        List<String[]> forms = new ArrayList<>();
        for (String[] p : UMLAUT_PLURALS) {
            for (String end : new String[] {"", "na", "s", "nas"}) {
                if (p[1].endsWith("r") || end.isEmpty() || end.equals("s")) {
                    forms.add(new String[] {p[1] + end, p[0]});
                }
            }
            if (!p[1].endsWith("r")) { // män -> männen, männens; möss -> mössen
                forms.add(new String[] {p[1] + "en", p[0]});
                forms.add(new String[] {p[1] + "ens", p[0]});
                forms.add(new String[] {p[1] + p[1].charAt(p[1].length() - 1) + "en", p[0]});
                forms.add(new String[] {p[1] + p[1].charAt(p[1].length() - 1) + "ens", p[0]});
            }
        }
        for (String[] c : UMLAUT_COMPARISONS) {
            for (int i = 1; i < c.length; i++) {
                forms.add(new String[] {c[i], c[0]});
                comparisons.add(c[i]);
            }
        }
        forms.sort((a, b) -> Integer.compare(b[0].length(), a[0].length()));
        umlautForms = forms;
        Set<String> stems = new HashSet<>();
        for (String[] f : forms) {
            stems.add(f[1]);
        }
        umlautStems = stems;
        for (String[] v : STRONG_VERBS) {
            for (int i = 1; i < v.length; i++) {
                verbForms.put(v[i], v[0]);
                String supine = v[i];
                if (supine.endsWith("it") && supine.length() > 3) { // the supine: its participle's forms
                    String base = supine.substring(0, supine.length() - 2);
                    for (String end : new String[] {"en", "na", "et"}) {
                        strongParticiples.putIfAbsent(base + end, v[0]);
                        participleBases.putIfAbsent(base + end, base + "en");
                    }
                } else if (i >= 2 && supine.length() > 3 && supine.endsWith("t")
                        && !vowel(supine.charAt(supine.length() - 2)) && supine.charAt(supine.length() - 2) != 't') {
                    // an irregular weak verb's supine ("gjort", "valt", "sagt", "lagt", "sålt"): its
                    // participle in -d, -da ("gjord", "gjorda"); its neuter is the supine itself
                    String base = supine.substring(0, supine.length() - 1) + "d";
                    for (String form : new String[] {base, base + "a"}) {
                        strongParticiples.putIfAbsent(form, v[0]);
                        participleBases.putIfAbsent(form, base);
                    }
                }
            }
            String passive = v[0] + "s"; // the passive infinitive ("sägas", "skrivas"), unless a word of its own ("gås")
            if (!verbForms.containsKey(passive) && (rootClasses(passive) & NOUN) == 0) {
                verbForms.put(passive, v[0]);
            }
        }
    }

    /** The flags an .aff file defines: its SFX/PFX classes, its flag directives' values and the
     *  flags of its COMPOUNDRULEs. */
    private static String definedFlags(List<String> aff) {
        Set<String> directives = Set.of("NOSUGGEST", "FORBIDDENWORD", "NEEDAFFIX", "FORCEUCASE",
            "COMPOUNDPERMITFLAG", "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND", "ONLYINCOMPOUND",
            "COMPOUNDFLAG", "KEEPCASE", "CIRCUMFIX", "NOSPLITSUGS", "WARN", "SUBSTANDARD");
        StringBuilder b = new StringBuilder();
        for (String line : aff) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && (f[0].equals("SFX") || f[0].equals("PFX") || directives.contains(f[0]))) {
                b.append(f[1]);
            } else if (f.length >= 2 && f[0].equals("COMPOUNDRULE")) {
                b.append(f[1].replace("*", "").replace("?", ""));
            }
        }
        return b.toString();
    }

    /** The flags of an .aff file's suffix classes. */
    private static String suffixFlags(List<String> aff) {
        StringBuilder b = new StringBuilder();
        for (String line : aff) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("SFX")) {
                b.append(f[1]);
            }
        }
        return b.toString();
    }

    /** The infinitive of a strong verb's bare form that is another word as often ({@link
     *  #PREFIXED_ONLY}: "drev", "såg", "bar"), which {@link #strongVerb} reads only after a
     *  particle; null for any other word. */
    String bareStrongVerb(String w) {
        return PREFIXED_ONLY.contains(w) ? verbForms.get(w) : null;
    }

    /** The infinitive of a strong verb's form ("växte" -> "växa", "ansåg" -> "anse", "bidrog"
     *  -> "bidra": a particle before a form, where the particle verb is a dictionary word; a word
     *  before it likewise, "möjliggjorde" -> "möjliggöra"), or null. */
    String strongVerb(String w) {
        String inf = verbForms.get(w);
        if (inf != null) {
            return PREFIXED_ONLY.contains(w) ? null : inf;
        }
        for (String p : PARTICLES) {
            if (w.length() > p.length() + 1 && w.startsWith(p)) {
                inf = verbForms.get(w.substring(p.length()));
                if (inf != null && isRoot(p + inf)) {
                    return p + inf;
                }
            }
        }
        for (int i = 3; i <= w.length() - MIN_COMPOUND_VERB_FORM; i++) { // "möjliggjorde" is "möjliggöra"
            inf = verbForms.get(w.substring(i));
            String first = w.substring(0, i);
            if (inf != null && isRoot(first) && isRoot(first + inf)) {
                return first + inf;
            }
        }
        return null;
    }

    /** The verb of a strong verb's participle ("tagna" -> "ta", "givet" -> "ge"; after a particle
     *  whose verb is a dictionary word, "föreslagen" -> "föreslå", "understruken" ->
     *  "understryka"), or null - also where the participle is a noun of its own ("vuxen", an
     *  adult, is no form of "växa" to search by). */
    String strongParticipleVerb(String w) {
        return strongParticipleVerb(w, false);
    }

    /** As {@link #strongParticipleVerb(String)}; with {@code nounToo}, also where the participle
     *  is a noun's root as well ("gjord", a girth): a query's reading, sought as both. */
    String strongParticipleVerb(String w, boolean nounToo) {
        String p = participleParticle(w);
        if (p == null || LEXICALIZED_PARTICIPLES.contains(w) || (!nounToo && (rootClasses(w) & NOUN) != 0)) {
            return null;
        }
        return p + strongParticiples.get(w.substring(p.length()));
    }

    /** The particle before a strong verb's participle ("före" of "föreslagna", whose verb
     *  "föreslå" is a dictionary word), "" for a participle with none ("tagna"), or null for a
     *  word that is no such participle. */
    private String participleParticle(String w) {
        if (strongParticiples.containsKey(w)) {
            return "";
        }
        for (String p : PARTICLES) {
            if (w.length() > p.length() + 3 && w.startsWith(p)) {
                String inf = strongParticiples.get(w.substring(p.length()));
                if (inf != null && isRoot(p + inf)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The common gender's form of a participle {@link #strongParticipleVerb} reads, after a
     *  particle too ("tagna" -> "tagen", "gjorda" -> "gjord", "föreslagna" -> "föreslagen"). */
    String participleBase(String w) {
        String p = participleParticle(w);
        return p == null ? w : p + participleBases.get(w.substring(p.length()));
    }

    /** True for a Swedish vowel (and the é of loanwords: "idé", "armé"). */
    static boolean vowel(char c) {
        return "aeiouyåäöé".indexOf(c) >= 0;
    }

    /** The forms the plugin's tables write out for a lemma: a strong verb's forms
     *  ({@code STRONG_VERBS}), the full-form lexicon's forms and its participles and supines. */
    private Map<String, List<String>> writtenOut;

    /** The written-out forms of {@code lemma} ({@link #writtenOut}): "skar", "skurit" of "skära",
     *  "vore" of "vara". */
    synchronized List<String> writtenOutForms(String lemma) {
        if (writtenOut == null) {
            Map<String, List<String>> m = new HashMap<>();
            for (Map<String, String> table : List.of(verbForms, lemmas, verbs)) {
                table.forEach((form, l) -> m.computeIfAbsent(l, k -> new ArrayList<>()).add(form));
            }
            writtenOut = m;
        }
        return writtenOut.getOrDefault(lemma, List.of());
    }

    /** How often {@code w} occurs in general Swedish text, per thousand million words (wordfreq's
     *  Swedish list), 0 where it is rarer than the list's floor (1.5 per thousand million). */
    double frequency(String w) {
        Short c = centibels.get(w);
        return c == null ? 0 : Math.pow(10, 9 - c / 100.0);
    }

    /** The full-form lexicon's lemma of a form, where the plugin needs it (full_forms.py):
     *  "kände" -> "känna", "remisser" -> "remiss"; else null. */
    String listedLemma(String form) {
        return lemmas.get(form);
    }

    /** The verb of a participle or supine the dictionary reads apart from it ("skriven",
     *  "anställda", "gällt" -> "skriva", "anställa", "gälla"), or null. */
    String verbOf(String form) {
        return verbs.get(form);
    }

    /** True when hunspell-sv lists the word as an entry of its own that no suffix rule inflects
     *  ("kände/XY", "använt/XY": forms the dictionary writes out rather than derives). */
    boolean isListedBare(String word) {
        DictEntries entries = dictionary.lookupEntries(word);
        if (entries == null) {
            return false;
        }
        for (DictEntry e : entries) {
            if (anyOf(e.getFlags(), suffixFlags)) {
                return false;
            }
        }
        return true;
    }

    static SwedishLexicon get() {
        SwedishLexicon l = instance;
        if (l == null) {
            synchronized (SwedishLexicon.class) {
                l = instance;
                if (l == null) {
                    l = new SwedishLexicon();
                    instance = l;
                }
            }
        }
        return l;
    }

    private static InputStream open(String name) {
        InputStream in = SwedishLexicon.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resursen " + name + " saknas i insticksprogrammet");
        }
        return in;
    }

    private static List<String> lines(String name) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The dictionary's own entry for this exact word (a root, not an inflected form). */
    boolean isRoot(String word) {
        return dictionary.lookupEntries(word) != null;
    }

    /** True when some dictionary entry of this root may end a compound. */
    boolean endsCompound(String root) {
        return anyEntry(root, f -> f.indexOf(COMPOUND_END) >= 0);
    }

    /** True when some dictionary entry of this root has flags that {@code test} accepts. */
    private boolean anyEntry(String root, java.util.function.Predicate<String> test) {
        DictEntries entries = dictionary.lookupEntries(root);
        if (entries == null) {
            return false;
        }
        for (DictEntry e : entries) {
            if (test.test(e.getFlags())) {
                return true;
            }
        }
        return false;
    }

    /** True when the root has entries and {@code test} accepts every entry's flags. */
    private boolean everyEntry(String root, java.util.function.Predicate<String> test) {
        return isRoot(root) && !anyEntry(root, test.negate());
    }

    /** A dictionary word of its own that may end a compound (a noun, adjective or verb stem,
     *  not a compound-only form): "remiss", "fördel", "hög". */
    boolean isWord(String root) {
        return anyEntry(root, f -> f.indexOf(COMPOUND_END) >= 0 && f.indexOf('Z') < 0);
    }

    /** A head {@link SwedishWords} may take at three letters: a root with an entry that is no
     *  compound-only form nor a verb (flag m) and either may end a compound or has a noun's definite forms (flags
     *  B to F of sv_SE.aff), as "råd" and "del", which hunspell-sv does not flag as ends. */
    boolean isShortHead(String root) {
        DictEntries entries = dictionary.lookupEntries(root);
        if (entries == null) {
            return false;
        }
        for (DictEntry e : entries) {
            String f = e.getFlags();
            if (f.indexOf('Z') >= 0 || f.indexOf('m') >= 0) { // compound-only, or a verb
                continue;
            }
            if (f.indexOf(COMPOUND_END) >= 0 || f.chars().anyMatch(c -> c >= 'B' && c <= 'F')) {
                return true;
            }
        }
        return false;
    }

    /** True when an entry of this root carries the flag ("Göteborg/Av": v, which sv_SE.dic
     *  gives place and firm names, "Småland", "Åhlén", but not first names, "Carlo/A"). */
    boolean hasFlag(String root, char flag) {
        return anyEntry(root, f -> f.indexOf(flag) >= 0);
    }

    /** True for an entry of its own that inflects only in the genitive and in compounds (its
     *  flags among A, X, Y, v): a noun in -an with no plural of its own ("ansökan/AY",
     *  "anmälan/XY", "förväntan/XY"), whose plural the dictionary lists under -ning. */
    boolean isGenitiveOnlyEntry(String root) {
        return everyEntry(root, f -> !f.isEmpty() && f.chars().allMatch(c -> "AXYv".indexOf(c) >= 0));
    }

    /** True when every entry of this root has no affix flags: hunspell-sv lists some inflected
     *  forms that way ("höga", "drivit", "regeringen"). */
    boolean isBareForm(String root) {
        return everyEntry(root, String::isEmpty);
    }

    /** Word classes of a dictionary entry or a form, as bits: a noun's declension (both genders,
     *  or one: neuter, common), an adjective's comparison, a verb's conjugation. */
    static final int NEUTER = 1;
    static final int COMMON = 2;
    /** A noun of either gender: the two bits. */
    static final int NOUN = NEUTER | COMMON;
    static final int ADJECTIVE = 4;
    static final int VERB = 8;
    /** Flags of sv_SE.aff that only verbs carry: the conjugations (K, L, M, m) and the passive
     *  past (N). */
    private static final String VERB_FLAGS = "KLMNm";
    /** A noun's declension: definite forms (B to F) and plurals (G to J). */
    private static final String NOUN_FLAGS = "BCDEFGHIJ";
    /** A noun's flags on a verb's entry in -a (sv_SE.aff's rules for a root in -a): the definite
     *  -n (E) and the plural -or (G) of a noun whose base form is the infinitive ("drivan",
     *  "drivor"), and the plural -er (H) of one whose base is the root less its -a ("filmer",
     *  "åtgärder": the infinitive "filma" is no noun's form). Its other flags there are the
     *  verb's: -nde (B, D, F), the supine -t (C), the imperative (J); and I makes the present
     *  "delar" with the noun's "delarna" in one flag, so it says neither. */
    private static final String VERB_NOUN_FLAGS = "EGH";
    /** Those of {@link #VERB_NOUN_FLAGS} whose noun's base form is the infinitive itself. */
    private static final String VERB_NOUN_BASE_FLAGS = "EG";
    /** An adjective's forms: -t and -a (O), comparison (P); k marks adjectives. The weak -e (Q)
     *  is no mark: hunspell-sv makes a common noun's base in -e with it too ("pojk" -> "pojke"). */
    private static final String ADJECTIVE_FLAGS = "OPk";

    /**
     * The word classes an entry's flags inflect it as: a verb's entry is a verb whatever else it
     * carries (its -ande nouns and -d participles are the verb's); otherwise a noun where it has
     * a noun's declension and an adjective where it has an adjective's forms - both for an entry
     * hunspell-sv writes once for the two ("central", "alternativ"); none for a bare entry. A
     * noun entry with a neuter's definite (-et, -t) and a common noun's -ar/-or plural is two
     * nouns written as one ("lag": laget, the team, and lagar, laws; "stråk": stråket, the path,
     * and stråke, stråkar, bows): neuter and common, not one noun.
     */
    int entryClasses(String root, String flags) {
        if (!validFlags(flags)) {
            return 0; // a line hunspell-sv meant as a word with a slash ("år/historik")
        }
        if (anyOf(flags, VERB_FLAGS) || (root.endsWith("a") && flags.indexOf('P') >= 0)) {
            return nounOfVerb(root, flags) ? VERB | NOUN : VERB;
        }
        int c = 0;
        if (anyOf(flags, NOUN_FLAGS)) {
            c |= NOUN;
        }
        if (anyOf(flags, ADJECTIVE_FLAGS)) {
            c |= ADJECTIVE;
        }
        return c;
    }

    /** True for an adjective that sv_SE.aff declines with the verbs' letters: K, L and M on a
     *  root that ends in a consonant have only an adjective's rules there (-el, -en, -er, -m:
     *  "öppen/KLMY" makes "öppne", "öppnare", "öppna", "öppet"; "säker", "tom"), since a verb's
     *  root ends in a vowel. */
    static boolean adjectiveDeclension(String root, String flags) {
        return !root.isEmpty() && !vowel(root.charAt(root.length() - 1)) && anyOf(flags, "KLM");
    }

    /** The classes a suffix flag inflects an entry of these classes as: a declension or the
     *  genitive (A) a noun (of one gender where the entry is two nouns: -et, -t neuter; -ar and
     *  the base in -e common), an adjective's flag an adjective, a verb's entry's every form a
     *  verb; the weak -e of an entry that is a noun and an adjective either. */
    static int suffixClass(String root, String flags, char flag, int entry) {
        if ((entry & VERB) != 0) { // a verb's forms, and the noun's its entry also declines
            return verbInA(root) && VERB_NOUN_FLAGS.indexOf(flag) >= 0 ? NOUN : VERB;
        }
        if (twoNouns(root, flags)) {
            if (flag == 'C' || (flag == 'B' && !root.endsWith("a"))) {
                return NEUTER;
            }
            if (flag == 'G' || flag == 'Q') {
                return COMMON;
            }
        }
        if (flag == 'A' || NOUN_FLAGS.indexOf(flag) >= 0) {
            return entry & NOUN;
        }
        if (flag == 'O' || flag == 'P') {
            return entry & ADJECTIVE;
        }
        if (flag == 'Q') {
            return entry;
        }
        return 0;
    }

    /** True for a verb's entry in -a that also declines the noun written as its infinitive
     *  ({@link #VERB_NOUN_BASE_FLAGS}: "driva", drivan and drivor, snowdrifts; "fråga", frågan
     *  and frågor): one entry, two words - its bare form either, its noun flags' forms the
     *  noun's, its conjugations' the verb's. Not a short root ("ha" -> "han", "få" -> "fån"). A
     *  noun's plural in -er ("filmer") is the noun's form too ({@link #suffixClass}), but the
     *  infinitive "filma" no noun's. */
    static boolean nounOfVerb(String root, String flags) {
        return verbInA(root) && anyOf(flags, VERB_NOUN_BASE_FLAGS);
    }

    /** True where hunspell-sv writes a noun's plural in -ar on the entry of the verb in -a of its
     *  root: flag I there makes the verb's present ("delar" of "dela/AINP") and, in the same flag,
     *  the plural of the noun that is the root less its -a ("delarna", "delarnas", "delars" of
     *  "del/AbDX", whose own entry has no plural; "fördelarna" of "fördel" on
     *  "fördela/ABINPTvY"). Only where that noun has an entry of its own (82 such verbs: del,
     *  fördel, broms, blogg, bänk...; not "växla", whose noun is "växel"), and a common noun's
     *  entry, as a plural in -ar is a common noun's: the definite -en, -n (flags D, E) and no
     *  neuter's -et, -t (B, C) - not "man/ABFTY" ("manar", a held-out control against "man"),
     *  "lov/AbBD" (sommarlovet: "lovar" is the verb's), "lock/ABDXY" - nor a noun with an
     *  umlaut plural ("bok": böcker, so "bokar" is the verb's, or the beeches). */
    boolean pluralOnVerb(String root, String flags) {
        return verbInA(root) && flags.indexOf('I') >= 0 && (entryClasses(root, flags) & VERB) != 0
            && commonNounEntry(root.substring(0, root.length() - 1));
    }

    /** True where some noun entry of this root declines it as a common noun alone (flag D or E,
     *  neither B nor C) and the noun has no umlaut plural. */
    private boolean commonNounEntry(String root) {
        DictEntries entries = dictionary.lookupEntries(root);
        if (entries == null || umlautStems.contains(root)) {
            return false;
        }
        for (DictEntry e : entries) {
            String f = e.getFlags();
            if ((entryClasses(root, f) & NOUN) != 0 && (f.indexOf('D') >= 0 || f.indexOf('E') >= 0)
                    && f.indexOf('B') < 0 && f.indexOf('C') < 0) {
                return true;
            }
        }
        return false;
    }

    /** The classes flag I makes a form of such an entry ({@link #pluralOnVerb(String, String)}):
     *  the bare -r both the verb's present and the noun's plural ("delar"), except on a verb whose
     *  present is in -er (flag K: "låter", "böjer", so "låtar", "böjar" are the noun's alone); the
     *  definite and genitive plurals the noun's alone ("delarna", "delarnas", "delars"). */
    static int pluralOnVerbClass(String root, String flags, String form) {
        if (!form.startsWith(root) || !PLURAL_ON_VERB.contains(form.substring(root.length()))) {
            return 0; // another suffix's form ("skyltad")
        }
        return form.length() == root.length() + 1 && flags.indexOf('K') < 0 ? VERB | NOUN : NOUN;
    }

    /** What flag I adds to a verb's root in -a: -r, -rna, -rnas, -rs. */
    private static final Set<String> PLURAL_ON_VERB = Set.of("r", "rna", "rnas", "rs");

    /** {@link #pluralOnVerbClass(String, String, String)} of this root's entry that carries the
     *  noun's plural, 0 where none does. */
    int pluralOnVerbClass(String root, String form) {
        DictEntries entries = dictionary.lookupEntries(root);
        int c = 0;
        if (entries != null) {
            for (DictEntry e : entries) {
                if (pluralOnVerb(root, e.getFlags())) {
                    c |= pluralOnVerbClass(root, e.getFlags(), form);
                }
            }
        }
        return c;
    }

    /** The verb whose s-form this root is, where hunspell-sv lists the s-form as an entry of its
     *  own that conjugates the passive's past (flag N: "samlas/N" makes "samlades", "samlats";
     *  "fattas", "skingras", "föryngras") beside the verb's entry ("samla/jmM", which has no
     *  s-form of its own): one verb, so "samlas" meets "samlat". Not an entry with a noun's
     *  declension ("pajas", the clown), nor a deponent verb with no active verb's entry
     *  ("lyckas": "lycka" is a noun; "andas", "trivs"). Null for any other root. */
    String passiveOf(String root) {
        int n = root.length();
        if (n < 5 || root.charAt(n - 1) != 's') {
            return null;
        }
        DictEntries entries = dictionary.lookupEntries(root);
        if (entries == null) {
            return null;
        }
        boolean passive = false;
        for (DictEntry e : entries) {
            String f = e.getFlags();
            if (anyOf(f, NOUN_FLAGS)) {
                return null;
            }
            passive |= f.indexOf('N') >= 0;
        }
        String verb = root.substring(0, n - 1);
        return passive && conjugated(verb) ? verb : null;
    }

    /** True where some entry of this root has a verb's conjugation flags (not the -a root's P
     *  alone: "lycka/AEPY", happiness, is no verb that "lyckas" is the s-form of). */
    private boolean conjugated(String root) {
        DictEntries entries = dictionary.lookupEntries(root);
        if (entries == null) {
            return false;
        }
        for (DictEntry e : entries) {
            if (validFlags(e.getFlags()) && anyOf(e.getFlags(), VERB_FLAGS)) {
                return true;
            }
        }
        return false;
    }

    private static boolean verbInA(String root) {
        return root.length() >= 4 && root.endsWith("a");
    }

    /** A noun entry with a neuter's definite singular (-et, -t) and a common noun's -ar/-or
     *  plural: two nouns written as one ("lag", "stråk", "hov", "steg"). */
    static boolean twoNouns(String root, String flags) {
        return neuter(root, flags) && flags.indexOf('G') >= 0;
    }

    /** True for a noun entry with a neuter's definite singular: -et (B, on a root not in -a:
     *  there it makes -ande), -t (C). */
    private static boolean neuter(String root, String flags) {
        return flags.indexOf('C') >= 0 || (flags.indexOf('B') >= 0 && !root.endsWith("a"));
    }

    /** True when an entry of this root that is two nouns makes the common noun's base with the
     *  weak -e (Q: "steg/ABDGQYf", stege, a ladder; "stråk", stråke): the bare root is the
     *  neuter's alone ("ett steg"). */
    boolean commonNounInE(String root) {
        return anyEntry(root, f -> f.indexOf('Q') >= 0 && twoNouns(root, f));
    }

    /** True when some entry of this root is two nouns ({@link #twoNouns}). */
    boolean twoNouns(String root) {
        DictEntries entries = dictionary.lookupEntries(root);
        if (entries == null) {
            return false;
        }
        for (DictEntry e : entries) {
            if ((entryClasses(root, e.getFlags()) & VERB) == 0 && validFlags(e.getFlags()) && twoNouns(root, e.getFlags())) {
                return true;
            }
        }
        return false;
    }

    /** The one gender the dictionary's noun entries of this root decline it in ({@link #NEUTER}:
     *  a definite form in -et or -t, flag C or B, "cykelstråk/ABDY"; {@link #COMMON}: any other
     *  noun's entry, "socialtjänstlag/ADY", "lag" with a plural in -ar, flag G, beside the neuter's
     *  flags), or 0 where they decline it in both ("stråk/ABDGQXY": stråket and stråkar) or it
     *  has no noun's entry. */
    int gender(String root) {
        DictEntries entries = dictionary.lookupEntries(root);
        int out = 0;
        if (entries != null) {
            for (DictEntry e : entries) {
                String flags = e.getFlags();
                int classes = entryClasses(root, flags); // 0 for flags hunspell-sv meant otherwise
                if ((classes & NOUN) != 0 && (classes & VERB) == 0) {
                    boolean neuter = neuter(root, flags);
                    out |= (neuter ? NEUTER : 0) | (!neuter || flags.indexOf('G') >= 0 ? COMMON : 0);
                }
            }
        }
        return out == NEUTER || out == COMMON ? out : 0;
    }

    /** Every class the dictionary's entries of this root inflect it as ("lokal": a noun, the
     *  premises, and an adjective, local). */
    int rootClasses(String root) {
        int c = entriesClasses(root);
        if (c != 0 && (c & ADJECTIVE) == 0 && bareAdjective(root)) {
            c |= ADJECTIVE;
        }
        return c != 0 && (c & VERB) == 0 && bareVerb(root) ? c | VERB : c;
    }

    /** True for a noun in -a whose verb of the same spelling hunspell-sv writes out rather than
     *  inflects ("visa/BEGTY", a song, beside "visar/X" and "visade/O", forms of the verb "visa";
     *  "vara", "bana", "läxa"): its present in -r an entry without suffixes, its past in -de an
     *  entry, the root a noun's entry and no verb's. The verb is a reading of that root
     *  ({@link #rootClasses}), and those two entries, with their forms, the verb's
     *  ({@link #weakVerbForm}). */
    boolean bareVerb(String root) {
        if (root.length() < 4 || !root.endsWith("a") || !isRoot(root) || !isRoot(root + "de")
                || !isListedBare(root + "r")) {
            return false;
        }
        int c = entriesClasses(root);
        return (c & NOUN) != 0 && (c & VERB) == 0;
    }

    /** The classes this root's entries inflect it as, by their flags alone (0 for no root). */
    private int entriesClasses(String root) {
        DictEntries entries = dictionary.lookupEntries(root);
        int c = 0;
        if (entries != null) {
            for (DictEntry e : entries) {
                c |= entryClasses(root, e.getFlags());
            }
        }
        return c;
    }

    /** The verb ({@link #bareVerb}) whose present ("visar"), past ("visade") or passive, a verb's
     *  entry of its own ("visas/N"), this entry is, or null - also where the full-form lexicon
     *  reads the entry as another word's form ("ändar": ände's plural, not the verb "ända"'s). */
    String weakVerbForm(String entry) {
        String listed = listedLemma(entry);
        for (String end : new String[] {"r", "de", "s"}) {
            if (entry.endsWith(end)) {
                String root = entry.substring(0, entry.length() - end.length());
                if (bareVerb(root) && (!end.equals("s") || (rootClasses(entry) & VERB) != 0)
                        && (listed == null || listed.equals(root))) {
                    return root;
                }
            }
        }
        return null;
    }

    /** True for an adjective's comparison that changes its vowel or root ("högre", "störst"). */
    boolean isComparison(String form) {
        return comparisons.contains(form);
    }

    /** True for a root whose entries decline it as no adjective while hunspell-sv writes the
     *  adjective's forms of it out as bare entries ("hög/ADGXY", a heap, beside "höga/" and
     *  "högt/"; "djup", "ljus"): its -a and -t forms both listed without flags. The adjective is
     *  a reading of that root ({@link #rootClasses}), and its bare forms are the adjective's. */
    boolean bareAdjective(String root) {
        return root.length() >= 3 && isBareForm(root + "a") && isBareForm(root + "t");
    }

    /** True when every flag is one sv_SE.aff defines. */
    private boolean validFlags(String flags) {
        for (int i = 0; i < flags.length(); i++) {
            if (definedFlags.indexOf(flags.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyOf(String flags, String set) {
        for (int i = 0; i < flags.length(); i++) {
            if (set.indexOf(flags.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The word a compound-start form comes from ("trygghets" -> "trygghet"), or null. */
    String modifier(String form) {
        return modifiers.get(form);
    }

    boolean isGeneral(String word) {
        return general.contains(word);
    }
}
