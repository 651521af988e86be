package se.remissvar.analysis;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** The settings of an {@code sv_stem} filter in an index's analysis. */
@AnalysisSettings
public interface SwedishStemSettings {
    /** Emit a compound's parts after it (index-time analyzers; never the query's). */
    @BooleanSetting(path = "parts", defaultValue = false)
    boolean parts();

    /** With {@code parts}: emit only the parts, not the words' stems - a field of compound
     *  parts beside the stemmed field, which holds the whole words (a query word is looked up
     *  there, and in the parts field only as a part). Words that are not compounds emit nothing. */
    @BooleanSetting(path = "parts_only", defaultValue = false)
    boolean partsOnly();

    /** Drop the Swedish stop words (Lucene's list, as a {@code stop} filter before this one
     *  would: positions kept), reading them as context: a base form right after an infinitive's
     *  marker or a modal verb ("att driva") is indexed as the verb alone. */
    @BooleanSetting(path = "stop", defaultValue = false)
    boolean stop();

    /** Analyse a query: a participle that is a noun's form too and a word of its own in the
     *  dictionary ("avslagen", "tagen", "gjord"), and a strong verb's bare past that is a noun too
     *  ("drev", "såg"), is sought as both, where the text is indexed as the noun alone ("en i
     *  taget" is no form of "ta"). The search analyzer only. */
    @BooleanSetting(path = "query", defaultValue = false)
    boolean query();

    /** The stemmer for words the dictionary does not know: snowball, light or none. */
    @StringSetting(path = "fallback", defaultValue = "snowball")
    String fallback();

    /** Use the dictionary (false: the fallback stemmer alone, for diacritic-folded text). */
    @BooleanSetting(path = "dictionary", defaultValue = true)
    boolean dictionary();
}
