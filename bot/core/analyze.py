"""Turn text into matching terms: fold, stem, join synonyms, repair typos, split compounds.

The same ``Analyzer`` reads the codex, the example questions and every incoming question, so both sides
meet in the same vocabulary. Query-time repairs (typos, compounds) only ever map an unknown word onto a
word the index already knows; a word that stays unknown is kept, because it tells the matcher that the
question is partly about something the codex does not cover.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import Stemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.normalize import fold, words

MAX_PHRASE_GAP = 2
"""Stop words allowed inside a synonym phrase: "følger vi op" is still "følge op"."""

MAX_CACHED_REPAIRS = 20_000
"""Unknown words whose repair is remembered; beyond this the cache starts over, so memory stays flat."""

MIN_COMPOUND_TAIL = 4
"""Shortest stem of a compound's last part that is matched on its own: "fejl" in "regnefejl" is, but
"tør" in "direktøren" or "lig" in "bevilliget" are chance letters, not parts."""

_STOP = ""
"""Term of a stop word: dropped from the question."""


def _max_typos(word: str) -> int:
    """How many edits a misspelt word may be from the word it means.

    Note:
        Distances are optimal string alignment, so a swapped pair ("rådginving") is one typo. Long
        compounds still get only one: "ledelsesbog" is two edits from "ledelseslag", and not a typo.
        Short words get no repair at all: "pc" or "løn" are one edit from too many codex words, and
        repairing them would make off-topic questions look on-topic.
    """
    if len(word) < 5:
        return 0
    return 1 if len(word) < 13 else 2


_RAW_WORD = re.compile(r"[^\W\d_]+")
"""A word as typed, letters only (æøå and accents included)."""

_NAME = re.compile(r"(?<![.!?:\n]\s)(?<!^)\b([A-ZÆØÅ][a-zæøåé]+)")


def proper_names(text: str) -> set[str]:
    """Folded words written with a capital inside a sentence: in Danish, names ("Jens Hansen").

    Note:
        Danish nouns are not capitalised, so a capital away from the start of a sentence marks a
        name. A name is never typo-repaired or split into codex words ("Ansvarsgaard" is a person,
        not "ansvar"); it stays an unknown word, as any word the codex does not use.
    """
    return {fold(match) for match in _NAME.findall(text)}


class Analyzer:
    """Text → terms, with a vocabulary that grows while the index is built and is frozen after."""

    def __init__(self, stopwords: Iterable[str], synonyms: Iterable[Sequence[str]]) -> None:
        self._stemmer = Stemmer.Stemmer("danish")
        self._stopwords = {folded for word in stopwords for folded in fold(word).split()}
        self._single: dict[str, str] = {}  # stem → synonym group term
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first stem → (stems, term)
        for group in synonyms:
            self._add_group(group)
        # folded surface word → its term, for typo repair; a misspelt stop word is still a stop word
        self._known_words: dict[str, str] = dict.fromkeys(self._stopwords, _STOP)
        self._known_terms: set[str] = set()
        self._repairs: dict[str, tuple[str, ...]] = {}  # cache: unknown word → repaired terms
        self._surfaces: dict[str, str] = {}  # folded known word → how the index wrote it ("hojt" → "højt")
        self._counts: dict[str, int] = {}  # folded known word → how often the index uses it

    def _add_group(self, group: Sequence[str]) -> None:
        term = "~" + "_".join(self._stem_all(fold(group[0]).split()))
        for member in group:
            stems = tuple(self._stem_all(fold(member).split()))
            if len(stems) == 1:
                self._single[stems[0]] = term
            elif stems:
                self._phrases.setdefault(stems[0], []).append((stems, term))
        for candidates in self._phrases.values():
            candidates.sort(key=lambda item: -len(item[0]))

    def _stem_all(self, folded_words: Sequence[str]) -> list[str]:
        return list(self._stemmer.stemWords(folded_words))

    def learn(self, text: str) -> list[str]:
        """Analyse index text and remember its words, so later questions can be repaired towards them."""
        folded = words(text)
        terms = self._terms(folded)
        for raw in _RAW_WORD.findall(text):
            key = fold(raw)
            self._surfaces.setdefault(key, raw.lower())
            self._counts[key] = self._counts.get(key, 0) + 1
        for word in folded:
            if word not in self._known_words:
                (term,) = self._terms([word]) or (_STOP,)
                self._known_words[word] = term
        self._known_terms.update(terms)
        return terms

    def known(self, term: str) -> bool:
        """Whether the index contains a term."""
        return term in self._known_terms

    def analyze(self, question: str) -> list[str]:
        """Analyse a question: known terms, repaired terms, and unknown terms as they are."""
        result: list[str] = []
        names = proper_names(question)
        for term, word in zip(*self._terms_with_words(words(question)), strict=True):
            if term == _STOP or term in self._known_terms or not word:
                result.append(term)
            else:  # a name is never "repaired" into codex words: "Skanderborg" is not about "borger"
                result.extend((() if word in names else self._repair(word)) or (term,))
        return [term for term in result if term]

    def corrected(self, question: str) -> str:
        """The question with its misspelt words written as the index writes them, for the semantic stage.

        Note:
            Only what ``analyze`` would repair as a typo is rewritten: a word of five letters or more,
            unknown to the index, not a name, within ``_max_typos`` of a known word ("ldeer" → "leder",
            "politker" → "politiker"); of equally near words, the one the index uses most. Returns the
            question unchanged when nothing needs repair.
        """
        names = proper_names(question)

        def repair(match: re.Match[str]) -> str:
            raw = match.group(0)
            folded = fold(raw)
            if " " in folded or folded in names or folded in self._known_words or folded in self._stopwords:
                return raw
            limit = _max_typos(folded)
            if not limit:
                return raw
            found = process.extract(
                folded, self._surfaces.keys(), scorer=OSA.distance, score_cutoff=limit, limit=None
            )
            if not found:
                return raw
            # the nearest, and among equally near the word the index uses most ("ldeer": leder, not idéer)
            best = min(found, key=lambda item: (item[1], -self._counts[item[0]]))
            return self._surfaces[best[0]]

        return _RAW_WORD.sub(repair, question)

    def _terms(self, folded_words: Sequence[str]) -> list[str]:
        return [term for term in self._terms_with_words(folded_words)[0] if term]

    def _terms_with_words(self, folded_words: Sequence[str]) -> tuple[list[str], list[str]]:
        """Map words to terms; phrases become one term. Returns terms and their source words.

        The source word is empty when a term came from a phrase (it cannot be a typo then).
        """
        stems = self._stem_all(folded_words)
        terms: list[str] = []
        sources: list[str] = []
        i = 0
        while i < len(stems):
            for phrase, term in self._phrases.get(stems[i], ()):
                end = self._phrase_end(stems, folded_words, i, phrase)
                if end:
                    terms.append(term)
                    sources.append("")
                    i = end
                    break
            else:
                word = folded_words[i]
                noise = word in self._stopwords or len(word) < 2 or word.isdigit()
                terms.append(_STOP if noise else self._single.get(stems[i], stems[i]))
                sources.append(word)
                i += 1
        return terms, sources

    def _phrase_end(
        self, stems: Sequence[str], folded: Sequence[str], start: int, phrase: tuple[str, ...]
    ) -> int:
        """Where a phrase starting at ``start`` ends, or 0; a stop word may sit inside ("følger vi op")."""
        position = start + 1
        for wanted in phrase[1:]:
            skipped = 0
            while (
                position < len(stems)
                and stems[position] != wanted
                and folded[position] in self._stopwords
                and skipped < MAX_PHRASE_GAP
            ):
                position += 1
                skipped += 1
            if position >= len(stems) or stems[position] != wanted:
                return 0
            position += 1
        return position

    def _repair(self, word: str) -> tuple[str, ...]:
        """Map an unknown word onto known terms: a typo of a known word, or a compound of two."""
        if word in self._repairs:
            return self._repairs[word]
        repaired: tuple[str, ...] = ()
        limit = _max_typos(word)
        if limit:
            best = process.extractOne(word, self._known_words.keys(), scorer=OSA.distance, score_cutoff=limit)
            if best is not None:
                repaired = (self._known_words[best[0]],)
        if not repaired:
            repaired = self._split_compound(word)
        if len(self._repairs) >= MAX_CACHED_REPAIRS:
            self._repairs.clear()  # bounded: a server sees endless new words; cheap to recompute
        self._repairs[word] = repaired
        return repaired

    def _split_compound(self, word: str) -> tuple[str, ...]:
        """Split a Danish compound ("valgmateriale", "regnefejl") into what the index knows of it.

        Note:
            Danish compounds name a kind of their last part: a "regnefejl" is a "fejl". When both halves
            are known, both are kept. When only the last part is known, it is kept together with the
            unknown first part, so "computerfejl" still counts as partly about something the codex does
            not cover. A last part whose stem is shorter than ``MIN_COMPOUND_TAIL`` is never used alone.
        """
        if len(word) < 8:
            return ()
        tail_only: tuple[str, ...] = ()
        for cut in range(len(word) - 4, 3, -1):
            head, tail = word[:cut], word[cut:]
            tail_terms = self._terms([tail])
            if not tail_terms or not self.known(tail_terms[0]) or len(self._stem_all([tail])[0]) < 4:
                continue
            for stem_of_head in (head, head[:-1] if head[-1] in "se" else ""):
                head_terms = self._terms([stem_of_head]) if stem_of_head else []
                if head_terms and self.known(head_terms[0]):
                    return head_terms[0], tail_terms[0]
            if not tail_only and len(self._stem_all([tail])[0]) >= MIN_COMPOUND_TAIL:
                tail_only = (tail_terms[0], *self._terms([head]))
        return tail_only
