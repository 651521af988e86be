"""How ``words/general_sv.txt`` was made (run by hand; the build reads the committed list).

General Swedish text beside the dictionary: the words of wordfreq 3.1.1's Swedish list
(``large_sv``: Wikipedia, subtitles, news, web text; CC BY-SA 4.0) with a frequency of at
least one per million (zipf >= 3.0, 29,929 words), lower-case letters only, three letters or
more. It gives the decompounder modifiers the dictionary does not know as compound parts
("facebook", "kombo"). Nothing of the project's recorded answers is in it.

    pip download wordfreq==3.1.1 --no-deps -d /tmp/wf && pip install msgpack
    python tools/general_words.py /tmp/wf/wordfreq-3.1.1-py3-none-any.whl > words/general_sv.txt
"""
from __future__ import annotations

import gzip
import re
import sys
import zipfile

import msgpack

WORD = re.compile(r"^[a-zåäöéü]{3,}$")
MAX_CENTIBELS = 600  # zipf 3.0: one occurrence per million words


def buckets(wheel: str) -> list[list[str]]:
    """wordfreq's Swedish list from its wheel: the words of each bucket, by centibels below one per word."""
    with zipfile.ZipFile(wheel) as z:
        data: list[list[str]] = msgpack.unpackb(gzip.decompress(z.read("wordfreq/data/large_sv.msgpack.gz")), raw=False)
    return data


def main(wheel: str) -> None:
    words = sorted({w for bucket in buckets(wheel)[1:MAX_CENTIBELS + 1] for w in bucket if WORD.match(w)})
    sys.stdout.write("\n".join(words) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
