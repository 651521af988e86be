"""The key-store shape the remiss-link tests share: the two seed answers under keys of their own,
and a third answer's key merged into the facebook remiss's (an old key that must redirect)."""
from __future__ import annotations

import datetime as dt

from remissvar.linking import AnswerRef
from remissvar.remiss_keys import RemissKeyStore


def link_seed_keys(store: RemissKeyStore) -> tuple[str, str, str]:
    """(facebook remiss key, policy remiss key, the key merged away into the facebook one)."""
    fb = store.link(AnswerRef(id="seed-000", council="sodermalm", date=dt.date(2024, 12, 12),
                              title="Remiss av motion om lokala facebookgrupper"))
    policy = store.link(AnswerRef(id="seed-004", council="skarholmen", date=dt.date(2019, 2, 21),
                                  title="Policy för sociala medier i Stockholms stad"))
    gone = store.link(AnswerRef(id="old-answer", council="farsta", date=dt.date(2024, 12, 20),
                                title="Motion om facebookgrupper i stadsdelarna"))
    assert len({fb, policy, gone}) == 3
    assert store.merge(fb, gone) == fb  # the older key survives
    return fb, policy, gone
