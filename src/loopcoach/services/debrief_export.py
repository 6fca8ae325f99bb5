"""A debrief as Markdown, and as a standalone HTML page (inline CSS, no scripts, no links out).

`debrief_html_fragment()` is the page's body alone, so the web app can show the same
debrief inside its own layout with `DEBRIEF_CSS`.

The Markdown is read where Markdown becomes HTML (GitHub, Obsidian, a static site), so
every piece of text in it that a user or a pack wrote goes through `_md()`: `<`, `>` and
`&` become entities, so no tag, autolink or entity of theirs comes alive, and the inline
markers that make links, images, code and emphasis are backslash-escaped, and a line
that starts like a heading or a list item starts with an entity instead, so the text
renders exactly as it was typed. Ids (`[a-z0-9_-]`, checked by the pack schema) need
none of it; the headline and the loop's own facts, made of ids, words and numbers, get
the entities alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loopcoach.content.index import Content
    from loopcoach.services.debrief import AnswerResult, Debrief, RoundResult


def words(decision: str) -> str:
    return decision.replace("_", " ").capitalize()


def clock(seconds: float | None) -> str:
    if not seconds:
        return "-"
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"


def where(d: Debrief, item: dict[str, Any]) -> str:
    """`hiring manager deep dive, follow-up (attempt 4)` for a sentence or a reason."""
    r = next((r for r in d.rounds if r.round == item.get("round")), None)
    if r is None:
        return ""
    kind = {"main": "main answer", "follow_up": "follow-up"}.get(item.get("answer") or "", "")
    parts = [r.name.lower()] + ([kind] if kind else [])
    if item.get("attempt_id"):
        parts.append(f"attempt {item['attempt_id']}")
    return ", ".join(parts)


Names = Callable[[str, str], str]
"""The name a reader sees for a criterion or flag id (`kind` "criterion" or "flag", then the
id), and for a round, its name in the loop: ids like `role_fit` never reach the page."""


def humanise(kind: str, ident: str) -> str:
    """The fallback name of an id: `failure_modes` -> "Failure modes"."""
    return ident.replace("_", " ").capitalize()


def content_names(content: Content) -> Names:
    """Names from the packs: a criterion's name in any rubric that has it, a flag's name."""
    criteria: dict[str, str] = {}
    flags: dict[str, str] = {}
    for pack in content.packs.values():
        for rubric in pack.rubrics.values():
            for c in rubric.criteria:
                criteria.setdefault(c.id, c.name)
        for flag_id, flag in pack.red_flags.items():
            flags.setdefault(flag_id, flag.name)

    def name(kind: str, ident: str) -> str:
        table = criteria if kind == "criterion" else flags
        return table.get(ident) or humanise(kind, ident)

    return name


def _round_name(d: Debrief, round_id: str) -> str:
    return next((r.name for r in d.rounds if r.round == round_id), humanise("round", round_id))


def headline(d: Debrief, names: Names = humanise) -> str:
    veto = ""
    if d.vetoed_by:
        veto = (
            f" (bar-raiser veto: {names('flag', d.vetoed_by['flag'])} in "
            f"{_round_name(d, d.vetoed_by['round'])})"
        )
    return (
        f"{words(d.decision)}{veto} · weighted grade {d.grade:.2f} of 4 "
        f"({words(d.grade_decision)} on grades alone) · level estimate {d.level}"
    )


# -- Markdown ------------------------------------------------------------------


# Both CommonMark and Python-Markdown honour a backslash before each of these.
_MD_MARKERS = str.maketrans(
    {"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]"}
)


def _md(text: object) -> str:
    """Text as Markdown that renders as typed: never a tag, a link, code or emphasis."""
    return escape(str(text), quote=False).translate(_MD_MARKERS)


def _cell(text: object) -> str:
    return _md(" ".join(str(text).split())).replace("|", "\\|")


# What opens a block at the start of a line: a heading, a list item, a setext underline,
# a `~~~` fence; written as an entity, it is the same character and opens nothing.
_BLOCK_MARKER = re.compile(r"^(?:[#+=~-]|\d{1,9}[.)])")


def _inline(line: str) -> str:
    return _BLOCK_MARKER.sub(lambda m: m[0][:-1] + f"&#{ord(m[0][-1])};", line)


def _quote(text: str) -> list[str]:
    # Each line is stripped: four spaces would open a code block, where the entities
    # that keep the text inert would show as typed `&lt;` instead of `<`.
    lines = [line.strip() for line in _md(text.strip()).splitlines()]
    return ["> " + _inline(line) if line else ">" for line in lines]


def _md_answer(a: AnswerResult, title: str, names: Names = humanise) -> list[str]:
    out = [
        f"**{_md(title)}**" + (f" (question {_md(a.question_id)})" if a.question_id else "") + ":",
        "",
        *_quote(a.question),
        "",
    ]
    if not a.answered:
        return [*out, "*Unanswered: counts as 1.0.*", ""]
    took = f", in {clock(a.seconds)}" if a.seconds else ""
    out += [f"Answer, graded {a.grade:.2f} ({words(a.decision)}){took}:", ""]
    out += [*_quote(a.answer), ""]
    out += ["| Criterion | Score | Note | Evidence |", "| --- | --- | --- | --- |"]
    for c in a.criteria:
        evidence = "; ".join(f"“{e}”" for e in c["evidence"][:2]) or "-"
        out.append(
            f"| {_cell(names('criterion', c['id']))} | {c['score']}/4 | {_cell(c['note'])} "
            f"| {_cell(evidence)} |"
        )
    out.append("")
    for f in a.flags:
        ev = f" Evidence: “{_md(_one_line(f['evidence'][0]))}”" if f["evidence"] else ""
        out.append(f"- Red flag **{_md(names('flag', f['id']))}**: {_md(_one_line(f['why']))}{ev}")
    return [*out, ""] if a.flags else out


def _md_round(i: int, r: RoundResult, names: Names = humanise) -> list[str]:
    out = [f"### {i}. {_md(r.name)}: {r.grade:.2f}, {words(r.decision)}", ""]
    disqualifying = ", ".join(names("flag", f) for f in r.disqualifying)
    out.append(
        f"Weight {r.weight:.0%} · time budget {r.minutes} min · used {clock(r.seconds_used)}"
        + (f" · disqualifying: {_md(disqualifying)}" if r.disqualifying else "")
    )
    out.append("")
    for a in r.answers:
        if a.kind == "main":
            out += _md_answer(a, "Question", names)
        else:
            aimed = f", grilling {names('criterion', a.aimed_at).lower()}" if a.aimed_at else ""
            out += _md_answer(a, f"Follow-up{aimed}", names)
    return out


def _one_line(text: object) -> str:
    # A line break in a list item or a title would end it, and the rest would be read
    # as Markdown blocks of its own.
    return " ".join(str(text).split())


def _item(text: object) -> str:
    """Text for a list item: one line, inert, and opening no list or heading inside it."""
    return _inline(_md(_one_line(text)))


def debrief_markdown(d: Debrief, names: Names = humanise) -> str:
    """The debrief as a Markdown document."""
    out = [f"# Hiring-committee debrief: {_md(_one_line(d.track_name))} loop", ""]
    out += [f"**{escape(headline(d, names), quote=False)}**", ""]
    out += [
        escape(
            f"Loop {d.loop_id} · pack {d.pack} · track {d.track} · seed {d.seed} · {d.mode}"
            + (f" · finished {d.finished_at}" if d.finished_at else "")
            + (f" · scorer {d.scorer_version}" if d.scorer_version else ""),
            quote=False,
        ),
        "",
        "## What the committee wrote",
        "",
    ]
    for i, s in enumerate(d.committee, 1):
        out.append(f"{i}. {_item(s['text'])}")
        if s.get("quote"):
            out.append(f"   > “{_md(_one_line(s['quote']))}” ({_md(where(d, s))})")
        out.append("")
    out += [
        "## Rounds",
        "",
        "| Round | Weight | Grade | Decision | Red flags | Time used |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in d.rounds:
        flags = ", ".join(f + (" (disqualifying)" if f in r.disqualifying else "") for f in r.flags)
        out.append(
            f"| {_cell(r.name)} | {r.weight:.0%} | {r.grade:.2f} | {words(r.decision)} | "
            f"{flags or '-'} | {clock(r.seconds_used)} of {r.minutes}:00 |"
        )
    out += ["", f"## Level estimate: {d.level}", ""]
    for reason in d.level_reasons:
        line = f"- {_item(reason['text'])}"
        if reason.get("quote"):
            line += f" “{_md(_one_line(reason['quote']))}” ({_md(where(d, reason))})"
        out.append(line)
    out += ["", "## Round by round", ""]
    for i, r in enumerate(d.rounds, 1):
        out += _md_round(i, r, names)
    return "\n".join(out).rstrip() + "\n"


# -- HTML ------------------------------------------------------------------------

DEBRIEF_CSS = """
.debrief { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 0 auto;
  padding: 1rem; color: #1b1b1b; }
.debrief h1 { font-size: 1.6rem; margin-bottom: .25rem; }
.debrief .db-headline { font-size: 1.15rem; font-weight: 600; padding: .6rem .8rem;
  border-left: .4rem solid #555; background: #f4f4f4; }
.debrief .decision-strong_hire, .debrief .decision-lean_hire { border-color: #1a7f37; }
.debrief .decision-lean_no_hire { border-color: #9a6700; }
.debrief .decision-strong_no_hire { border-color: #cf222e; }
.debrief .db-meta { color: #555; font-size: .9rem; }
.debrief table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
.debrief th, .debrief td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
.debrief blockquote { margin: .3rem 0 .8rem; padding: .3rem .8rem; border-left: .25rem solid
  #bbb; color: #333; white-space: pre-wrap; }
.debrief .db-flag { color: #cf222e; font-weight: 600; }
.debrief section.db-round { border-top: 1px solid #ddd; margin-top: 1rem; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _html_answer(a: AnswerResult, title: str, names: Names = humanise) -> str:
    # The question id stays in the markup for a script or a search, not in the text.
    qid = f" data-question-id={_e(a.question_id)!r}" if a.question_id else ""
    parts = [f"<h4{qid}>{_e(title)}</h4>", f"<blockquote>{_e(a.question)}</blockquote>"]
    if not a.answered:
        parts.append("<p><em>Unanswered: counts as 1.0.</em></p>")
        return "".join(parts)
    parts.append(
        f"<p>Answer, graded <strong>{a.grade:.2f}</strong> ({_e(words(a.decision))})"
        + (f", in {_e(clock(a.seconds))}" if a.seconds else "")
        + f":</p><blockquote>{_e(a.answer)}</blockquote>"
    )
    rows = "".join(
        f"<tr><td>{_e(names('criterion', c['id']))}</td><td>{c['score']}/4</td>"
        f"<td>{_e(c['note'])}</td>"
        f"<td>{'<br>'.join('“' + _e(x) + '”' for x in c['evidence'][:2]) or '-'}</td></tr>"
        for c in a.criteria
    )
    parts.append(
        "<table><thead><tr><th>Criterion</th><th>Score</th><th>Note</th><th>Evidence</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    for f in a.flags:
        ev = f" Evidence: “{_e(f['evidence'][0])}”" if f["evidence"] else ""
        parts.append(
            f"<p><span class=db-flag>Red flag: {_e(names('flag', f['id']))}</span> "
            f"{_e(f['why'])}{ev}</p>"
        )
    return "".join(parts)


def debrief_html_fragment(d: Debrief, names: Names = humanise) -> str:
    """The debrief as an `<article class="debrief">`, for a page that supplies DEBRIEF_CSS."""
    out = [f'<article class="debrief" data-decision="{_e(d.decision)}">']
    out.append(f"<h1>Hiring-committee debrief: {_e(d.track_name)} loop</h1>")
    out.append(f'<p class="db-headline decision-{_e(d.decision)}">{_e(headline(d, names))}</p>')
    out.append(
        f"<p class=db-meta>Loop {d.loop_id} · pack {_e(d.pack)} · track {_e(d.track)} · "
        f"seed {_e(d.seed)} · {_e(d.mode)}"
        + (f" · finished {_e(d.finished_at)}" if d.finished_at else "")
        + "</p>"
    )
    out.append("<h2>What the committee wrote</h2><ol class=db-committee>")
    for s in d.committee:
        quote = (
            (
                f"<blockquote>“{_e(s['quote'])}” <span class=db-meta>({_e(where(d, s))})</span>"
                "</blockquote>"
            )
            if s.get("quote")
            else ""
        )
        out.append(f"<li>{_e(s['text'])}{quote}</li>")
    out.append(
        "</ol><h2>Rounds</h2><table class=db-rounds><thead><tr><th>Round</th><th>Weight</th>"
        "<th>Grade</th><th>Decision</th><th>Red flags</th><th>Time used</th></tr></thead>"
        "<tbody>"
    )
    for r in d.rounds:
        flags = ", ".join(
            f"<span class=db-flag>{_e(names('flag', f))} (disqualifying)</span>"
            if f in r.disqualifying
            else _e(names("flag", f))
            for f in r.flags
        )
        out.append(
            f"<tr><td>{_e(r.name)}</td><td>{r.weight:.0%}</td><td>{r.grade:.2f}</td>"
            f"<td>{_e(words(r.decision))}</td><td>{flags or '-'}</td>"
            f"<td>{_e(clock(r.seconds_used))} of {r.minutes}:00</td></tr>"
        )
    out.append(f"</tbody></table><h2>Level estimate: {_e(d.level)}</h2><ul class=db-level>")
    for reason in d.level_reasons:
        quote = (
            f" “{_e(reason['quote'])}” <span class=db-meta>({_e(where(d, reason))})</span>"
            if reason.get("quote")
            else ""
        )
        out.append(f"<li>{_e(reason['text'])}{quote}</li>")
    out.append("</ul><h2>Round by round</h2>")
    for i, r in enumerate(d.rounds, 1):
        out.append(
            f'<section class=db-round id="round-{_e(r.round)}"><h3>{i}. {_e(r.name)}: '
            f"{r.grade:.2f}, {_e(words(r.decision))}</h3><p class=db-meta>Weight {r.weight:.0%} · "
            f"time budget {r.minutes} min · used {_e(clock(r.seconds_used))}</p>"
        )
        for a in r.answers:
            aimed = f", grilling {names('criterion', a.aimed_at).lower()}" if a.aimed_at else ""
            title = "Question" if a.kind == "main" else f"Follow-up{aimed}"
            out.append(_html_answer(a, title, names))
        out.append("</section>")
    out.append("</article>")
    return "\n".join(out)


def debrief_html(d: Debrief, names: Names = humanise) -> str:
    """The debrief as a standalone HTML page: one file, readable offline, printable."""
    title = f"Debrief: {d.track_name} loop {d.loop_id}, {words(d.decision)}"
    return (
        "<!doctype html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
        '<meta name=viewport content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{DEBRIEF_CSS}</style>\n</head>\n<body>\n"
        f"{debrief_html_fragment(d, names)}\n</body>\n</html>\n"
    )
