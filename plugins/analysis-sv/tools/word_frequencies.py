"""How ``words/frequencies_sv.tsv.gz`` was made (run by hand; the build reads the committed list).

How often each word occurs in general Swedish text: wordfreq 3.1.1's Swedish list
(``large_sv``: Wikipedia, subtitles, news, web text; CC BY-SA 4.0 - the source of
``general_sv.txt`` too), lower-case letters only, every word of at least 1.5 per thousand million
words (zipf >= 1.5, 185,445 words), one line each: the word, a tab, wordfreq's bucket in
centibels below one per word (zipf = 9 - centibels / 100). The plugin reads it to tell which of
a frequent form's readings general text seldom means (``SwedishWords.commonReadings``): "hela"
is "hel"'s form (whole) far more often than the verb "hela"'s (to heal; "helade", "helar" are
rare). Nothing of the project's recorded answers is in it.

    pip download wordfreq==3.1.1 --no-deps -d /tmp/wf && pip install msgpack
    python tools/word_frequencies.py /tmp/wf/wordfreq-3.1.1-py3-none-any.whl words/frequencies_sv.tsv.gz
"""
from __future__ import annotations

import gzip
import re
import sys

from general_words import buckets

WORD = re.compile(r"^[a-zåäöéü]+$")
MAX_CENTIBELS = 750  # zipf 1.5


def main(wheel: str, out: str) -> None:
    seen: dict[str, int] = {}
    for centibels, bucket in enumerate(buckets(wheel)[: MAX_CENTIBELS + 1]):
        for w in bucket:
            if WORD.match(w) and w not in seen:
                seen[w] = centibels
    text = "".join(f"{w}\t{c}\n" for w, c in sorted(seen.items()))
    with open(out, "wb") as f:  # mtime 0: the same bytes from the same wheel
        f.write(gzip.compress(text.encode("utf-8"), mtime=0))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
