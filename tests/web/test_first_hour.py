"""What a new user saw in their first hour, over HTTP in-process: each a page that misled."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient
from markupsafe import escape

from loopcoach.content.index import Content
from loopcoach.content.models import ROUND_IDS

ORIGIN = {"Origin": "http://127.0.0.1"}
THIN = "I would look at the data and talk to users, then decide what to build next."
STORY_ANSWER = (
    "At Taobao I owned the seller onboarding funnel. Activation was 31%, so I interviewed "
    "twenty sellers, found the tax form was the blocker, and cut it to one step. I decided "
    "to ship it to 10% first; activation rose to 44% in six weeks and we rolled it out."
)


def submit(client: TestClient, question_id: str, answer: str = THIN) -> int:
    r = client.post(
        f"/practice/{question_id}", data={"answer": answer}, headers=ORIGIN, follow_redirects=False
    )
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])


def first_question(client: TestClient, track: str, round_id: str) -> str:
    items = client.get("/api/v1/questions", params={"track": track, "round": round_id}).json()
    return str(items["items"][0]["id"])


def options(page: str, select_id: str) -> list[str]:
    """The values of a select's options (the empty 'all' choice left out)."""
    match = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', page, re.S)
    assert match, select_id
    return [v for v in re.findall(r'<option value="([^"]*)"', match.group(1)) if v]


# -- 1. the progress page recommends from the tracks the user practises --------------------


def test_all_tracks_progress_recommends_only_the_tracks_practised(
    client: TestClient, builtin_content: Content
) -> None:
    for round_id in ("technical", "product_sense"):
        submit(client, first_question(client, "pm", round_id))
    page = client.get("/progress").text
    recommended = set(re.findall(r'href="/practice/([^"]+)"', page))
    assert recommended
    for qid in recommended:
        pack, question = builtin_content.question(qid)
        assert (pack.id, question.track) == ("alibaba", "pm"), qid
    api = client.get("/api/v1/progress").json()
    for w in api["weakest"]:
        for q in w["questions"]:
            assert builtin_content.question(q["id"])[1].track == "pm"


def test_progress_with_nothing_practised_recommends_from_every_track(
    client: TestClient, builtin_content: Content
) -> None:
    page = client.get("/progress").text
    tracks = {
        builtin_content.question(q)[1].track for q in re.findall(r'href="/practice/([^"]+)"', page)
    }
    assert len(tracks) > 1


# -- 2. readiness says how much evidence stands behind it ----------------------------------


def test_readiness_says_how_many_answers_it_rests_on(client: TestClient) -> None:
    rounds = ["screen", "hiring_manager", "technical", "product_sense", "culture"]
    for round_id in rounds:
        submit(client, first_question(client, "pm", round_id), STORY_ANSWER)
    page = client.get("/progress", params={"track": "pm"}).text
    card = re.search(r"<article class=\"card readiness\">(.*?)</article>", page, re.S)
    assert card
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", card.group(1))).split())
    assert "100% of the loop practised" in text
    assert "From 5 answers, 1 per round" in text
    assert "An early read" in text
    submit(client, first_question(client, "pm", "technical"), STORY_ANSWER)
    page = client.get("/progress", params={"track": "pm"}).text
    assert "From 6 answers, 1 to 2 per round" in page
    home = client.get("/?track=pm").text
    assert "from 6 answers, 1 to 2 per round" in home


def test_readiness_of_part_of_a_loop_names_the_rounds_behind_it(client: TestClient) -> None:
    submit(client, first_question(client, "pm", "technical"), STORY_ANSWER)
    page = client.get("/progress", params={"track": "pm"}).text
    assert "From 1 answer, 1 per round in 1 of 5 rounds" in page


# -- 3. the hint above the answer fits the round ---------------------------------------------


def test_story_rounds_get_the_story_hint_and_case_rounds_a_case_hint(
    client: TestClient,
) -> None:
    def hint(page: str) -> str:
        match = re.search(r'<p class="field-hint" id="answer-hint"[^>]*>(.*?)</p>', page, re.S)
        assert match
        return match.group(1)

    for round_id in ("screen", "culture", "hiring_manager"):
        page = client.get(f"/practice/{first_question(client, 'pm', round_id)}").text
        assert "the situation, what you decided and why" in hint(page), round_id
    for track, round_id in (
        ("pm", "technical"),
        ("pm", "product_sense"),
        ("ds", "business_case"),
        ("ds", "ml"),
        ("pmm", "market_strategy"),
        ("tpm", "execution"),
    ):
        text = hint(client.get(f"/practice/{first_question(client, track, round_id)}").text)
        assert "the situation" not in text, round_id
        assert "structure" in text and "trade-offs" in text and "numbers" in text, round_id
    custom = client.get("/practice/custom", params={"track": "pm", "round": "technical"}).text
    assert "the situation" not in hint(custom) and "trade-offs" in hint(custom)
    assert "data-hints=" in custom


# -- 4. the pack's exemplars beside the answer -------------------------------------------------


def test_feedback_shows_the_questions_exemplars_collapsed(
    client: TestClient, builtin_content: Content
) -> None:
    question = next(
        q
        for q in builtin_content.questions(track="pm")
        if {e.kind for e in q.exemplars} == {"strong", "weak"}
    )
    attempt = submit(client, question.id)
    page = client.get(f"/attempts/{attempt}").text
    blocks = re.findall(r'<details class="exemplar[^"]*" data-exemplar="(\w+)">(.*?)</details>',
                        page, re.S)  # fmt: skip
    assert [kind for kind, _ in blocks] == sorted(
        (e.kind for e in question.exemplars), key=lambda k: k != "strong"
    )
    for (kind, body), e in zip(
        blocks,
        sorted(question.exemplars, key=lambda e: (e.kind != "strong", -e.grade)),
        strict=True,
    ):
        assert f"{kind.capitalize()} answer</strong>, graded {e.grade} of 4" in body
        assert str(escape(e.answer[:60])) in body
    assert "<details open" not in page.split('id="exemplars-title"')[1].split("</section>")[0]
    plain = next(q for q in builtin_content.questions(track="pm") if not q.exemplars)
    assert "exemplars-title" not in client.get(f"/attempts/{submit(client, plain.id)}").text


# -- 5. the round menus list the chosen track's rounds only -----------------------------------


def test_the_question_browser_lists_the_chosen_tracks_rounds(
    client: TestClient, builtin_content: Content
) -> None:
    for track in builtin_content.track_ids():
        page = client.get("/questions", params={"track": track}).text
        loop = [r.round for r in builtin_content.track(track).loop]
        assert options(page, "q-round") == loop, track
        names = re.search(r'<select id="q-round".*?</select>', page, re.S)
        assert names and builtin_content.track(track).loop[0].name in names.group(0)
    every = client.get("/questions").text
    assert options(every, "q-round") == list(ROUND_IDS)
    # A round the track does not have: the track's questions, said so.
    odd = client.get("/questions", params={"track": "pmm", "round": "product_sense"}).text
    assert "is not a round of the" in odd and "question-item" in odd


def test_the_practice_chooser_marks_each_round_with_its_track_and_loads_the_filter(
    client: TestClient,
) -> None:
    page = client.get("/practice").text
    assert re.findall(r'<optgroup label="[^"]+" data-track="(\w+)">', page) == [
        "pm",
        "pmm",
        "tpm",
        "ds",
    ]
    assert '<script src="/static/js/practice.js" defer></script>' in page


# -- 6. the question browser filters and pages -------------------------------------------------


def test_the_question_browser_pages_25_at_a_time_keeping_the_filters(
    client: TestClient, builtin_content: Content
) -> None:
    total = sum(len(p.questions) for p in builtin_content.packs.values())
    first = client.get("/questions").text
    assert first.count('class="question-item"') == 25
    assert f"{total} questions: 1 to 25 shown" in first
    pager = re.search(r'<nav class="pager".*?</nav>', first, re.S)
    assert pager
    links = re.findall(r'<a href="([^"]+)"', pager.group(0))
    assert "/questions?page=2" in [html.unescape(h) for h in links]
    last_page = -(-total // 25)
    last = client.get("/questions", params={"page": last_page}).text
    assert last.count('class="question-item"') == total - 25 * (last_page - 1)
    # Filters travel with the page links.
    pm = [q for q in builtin_content.questions(track="pm")]
    page = client.get("/questions", params={"track": "pm", "search": "the"}).text
    matching = [q for q in pm if all(w in q.text.lower() for w in ["the"])]
    assert f"{len(matching)} questions" in page
    hrefs = [
        html.unescape(h)
        for h in re.findall(r'<a href="(/questions\?[^"]+)"', page.split('class="pager"')[1])
    ]
    assert hrefs
    for href in hrefs:
        query = parse_qs(urlsplit(href).query)
        assert query["track"] == ["pm"] and query["search"] == ["the"], href
    second = client.get(hrefs[-1]).text  # "Next"
    assert f"{len(matching)} questions: 26 to" in second
    assert 'aria-current="page" class="is-current">2<' in second
    by_round = client.get("/questions", params={"track": "pm", "round": "culture"}).text
    n = len([q for q in pm if q.round == "culture"])
    assert f"{n} question" in by_round and "Culture fit" in by_round
    past = client.get("/questions", params={"page": 999}).text  # past the end: the last page
    assert "1 to 25 shown" not in past and 'class="question-item"' in past
    assert client.get("/questions", params={"page": 0}).status_code == 422


# -- 8. human labels, never raw ids ----------------------------------------------------------


class VisibleText(HTMLParser):
    """The text a reader sees: no scripts, styles, attribute values or typed answers."""

    HIDDEN = frozenset({"script", "style", "textarea", "title"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible(page: str) -> str:
    parser = VisibleText()
    parser.feed(page)
    return " ".join(parser.parts)


def known_ids(content: Content) -> set[str]:
    ids = {r for r in ROUND_IDS}
    for pack in content.packs.values():
        ids.update(pack.red_flags)
        ids.update(pack.competencies)
        for rubric in pack.rubrics.values():
            ids.update(c.id for c in rubric.criteria)
    return {i for i in ids if "_" in i}  # a one-word id reads as a word


def test_no_page_prints_a_raw_round_criterion_or_flag_id(
    client: TestClient, builtin_content: Content
) -> None:
    ids = known_ids(builtin_content)
    thin = submit(client, first_question(client, "pm", "hiring_manager"))
    strong = submit(client, first_question(client, "pm", "hiring_manager"), STORY_ANSWER)
    tech = submit(client, first_question(client, "pm", "technical"))
    follow = client.post(
        f"/attempts/{tech}/follow-up",
        data={"answer": "We would cap the queue and shed load past 100k orders."},
        headers=ORIGIN,
        follow_redirects=False,
    )
    assert follow.status_code == 303
    loop = client.post("/loop", data={"track": "ds"}, headers=ORIGIN, follow_redirects=False)
    logged = client.post(
        "/api/v1/rounds",
        json={"track": "pm", "round": "hiring_manager", "date": "2026-01-05", "feeling": 2,
              "questions": ["Tell me about a product you owned."], "outcome": "rejected"},
    )  # fmt: skip
    assert logged.status_code == 201, logged.text
    story = client.post(
        "/api/v1/stories",
        json={"title": "Onboarding", "situation": "Activation was 31%.",
              "action": "I cut the tax form to one step.", "result": "Activation rose to 44%.",
              "competencies": ["ownership"]},
    )  # fmt: skip
    assert story.status_code == 201, story.text
    pages = [
        "/",
        "/?track=ds",
        "/practice",
        f"/practice/{first_question(client, 'pm', 'hiring_manager')}",
        "/practice/custom?track=ds&round=business_case",
        "/questions",
        "/questions?track=pm&round=hiring_manager",
        f"/attempts/{thin}",
        f"/attempts/{strong}",
        f"/attempts/{tech}",
        follow.headers["location"],
        "/history",
        f"/history/compare?ids={thin}&ids={strong}",
        "/progress",
        "/progress?track=pm",
        "/loop",
        loop.headers["location"],
        "/rounds",
        f"/rounds/{logged.json()['id']}",
        "/stories",
        f"/stories/{story.json()['id']}",
        "/stories/coverage",
        "/cards",
        "/plan",
        "/fit",
        "/compare",
    ]
    pattern = re.compile(r"\b(" + "|".join(sorted(ids, key=len, reverse=True)) + r")\b")
    found: dict[str, set[str]] = {}
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        seen = set(pattern.findall(visible(r.text)))
        if seen:
            found[url] = seen
    assert not found, "; ".join(f"{u}: {sorted(s)}" for u, s in found.items())


def test_the_debrief_prints_no_raw_id(client: TestClient, builtin_content: Content) -> None:
    pattern = re.compile(r"\b(" + "|".join(sorted(known_ids(builtin_content))) + r")\b")
    url = client.post("/loop", data={"track": "pm"}, headers=ORIGIN, follow_redirects=False)
    loop = url.headers["location"]
    for _ in range(20):
        turn = client.get(loop, follow_redirects=False)
        if turn.status_code == 303:
            break
        step = re.search(r'action="(/loop/\d+\?step=\d+)"', turn.text)
        assert step
        client.post(step.group(1), data={"answer": THIN}, headers=ORIGIN)
    debrief = client.get(loop + "/debrief")
    assert debrief.status_code == 200
    assert not pattern.findall(visible(debrief.text))


def test_the_red_flag_and_graded_for_lines_use_names(client: TestClient) -> None:
    attempt = submit(client, first_question(client, "pm", "technical"))
    page = client.get(f"/attempts/{attempt}").text
    assert "<code>" not in page.split('id="flags-title"')[1].split("</section>")[0]


# -- 9. the timer with no budget --------------------------------------------------------------


def timer_text(page: str) -> str:
    timer = re.search(r'<div class="timer"[^>]*data-timer>(.*?)</div>', page, re.S)
    assert timer, "the form has a timer"
    return " ".join(visible(timer.group(1)).split())


def test_a_timer_without_a_budget_shows_the_time_used_alone(client: TestClient) -> None:
    templates = client.app.state.web.templates  # type: ignore[attr-defined]
    form = templates.env.from_string(
        '{% from "_partials/macros.html" import answer_form with context %}'
        '{{ answer_form("/attempts/1/follow-up", "follow-up-answer", "Your answer", "", '
        "{}, budget, elapsed=elapsed) }}"
    )
    assert (
        timer_text(form.render(budget=None, elapsed=None, csrf_field="")) == "Time used 0:00 Pause"
    )
    assert timer_text(form.render(budget=None, elapsed=75, csrf_field="")) == "Time used 1:15 Pause"
    with_budget = timer_text(form.render(budget=90.0, elapsed=None, csrf_field=""))
    assert with_budget == "Time left 1:30 of 1:30 Pause"
