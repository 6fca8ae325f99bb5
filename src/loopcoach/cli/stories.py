"""`loopcoach stories ...`: the story bank, each command a few lines over StoryService.

add, edit, list, show, rm, import, export, match, coverage and tell; `--json` where
a script would want it. Rich rendering is kept in the `_show_*` helpers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from loopcoach.cli.context import state

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.services.stories import Coverage, StoryMatch, StoryService, StoryWarning
    from loopcoach.store.stories import StoryRecord

TrackOpt = Annotated[
    str, typer.Option("--track", "-t", help="The track whose rubrics and loop to use.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
Title = Annotated[str | None, typer.Option("--title", help="The story's title.")]
Situation = Annotated[str | None, typer.Option("--situation", help="Where and when.")]
Task = Annotated[str | None, typer.Option("--task", help="What you had to do.")]
Action = Annotated[str | None, typer.Option("--action", help="What you did.")]
Result = Annotated[str | None, typer.Option("--result", help="What came of it.")]
Reflection = Annotated[
    str | None, typer.Option("--reflection", help="What you learned or would change.")
]
Notes = Annotated[str | None, typer.Option("--notes", help="Free notes.")]
Comp = Annotated[
    list[str] | None,
    typer.Option("--competency", "-c", help="A competency it shows (repeatable)."),
]

PARTS = ("situation", "task", "action", "result", "reflection")


def _service(ctx: typer.Context) -> StoryService:
    from loopcoach.services.stories import StoryService

    app = state(ctx)
    return StoryService(app.store, app.content)


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _dump(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _show_story(console: Console, story: StoryRecord) -> None:
    from rich.markup import escape

    console.print(f"[bold]#{story.id} {escape(story.title)}[/bold]  [dim]({story.track})[/dim]")
    for part in PARTS:
        console.print(f"\n[bold]{part.title()}[/bold]\n{escape(story.part(part)) or '-'}")
    console.print(f"\n[bold]Competencies[/bold] {', '.join(story.competencies) or '-'}")
    console.print(f"[bold]Suggested from its text[/bold] {', '.join(story.suggested) or '-'}")
    if story.notes:
        console.print(f"\n[bold]Notes[/bold]\n{escape(story.notes)}")
    for round_id, a in story.scores.items():
        if "error" in a:
            console.print(f"\n[bold]{round_id}[/bold]: not scored ({escape(a['error'])})")
            continue
        console.print(f"\n[bold]{round_id}[/bold]: {a['overall']:.2f} {a['decision']}")
        for c in a["criteria"]:
            quote = "; ".join(f"“{escape(e['text'])}”" for e in c["evidence"][:2])
            console.print(f"  {c['id']} {c['score']}/4 {escape(c['note'])} {quote}")
        for f in a["flags"]:
            quote = "; ".join(f"“{escape(e['text'])}”" for e in f["evidence"][:2])
            console.print(f"  [red]flag {f['id']}[/red]: {escape(f['why'])} {quote}")
    told = ", ".join(str(i) for i in story.told_in) or "no attempt yet"
    console.print(f"\nTold in: {told}")


def _show_matches(console: Console, matches: list[StoryMatch]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Stories for this question, best first", title_justify="left")
    for col in ("Rank", "Story", "Score", "Why"):
        table.add_column(col)
    for rank, m in enumerate(matches, start=1):
        table.add_row(
            str(rank),
            f"#{m.story.id} {escape(m.story.title)}",
            f"{m.score:.2f}",
            escape("; ".join(m.reasons)),
        )
    console.print(table)


def _show_warnings(console: Console, warnings: list[StoryWarning]) -> None:
    from rich.markup import escape

    for w in warnings:
        console.print(f"[yellow]warning[/yellow]: #{w.story_id} {escape(w.title)}: {w.message}")


def _show_coverage(console: Console, cov: Coverage) -> None:
    from rich.table import Table

    table = Table(title=f"The {cov.track} loop against your stories", title_justify="left")
    table.add_column("Round")
    table.add_column("Competency")
    for s in cov.stories:
        table.add_column(f"#{s.id}", justify="center")
    marks = {"yours": "●", "suggested": "○"}
    for r in cov.rounds:
        for c in r.competencies:
            cells = [marks.get(cov.cells[c].get(s.id, ""), "") for s in cov.stories]
            style = "red" if c in cov.gaps else ""
            table.add_row(r.name, c + ("  (gap)" if c in cov.gaps else ""), *cells, style=style)
    console.print(table)
    console.print("● you said it shows it  ○ its text suggests it")
    console.print(f"Gaps: {', '.join(cov.gaps) or 'none'}")


def _input(
    title: str | None, parts: dict[str, str | None], notes: str | None, comps: list[str] | None
) -> dict[str, Any]:
    changes: dict[str, Any] = {k: v for k, v in parts.items() if v is not None}
    if title is not None:
        changes["title"] = title
    if notes is not None:
        changes["notes"] = notes
    if comps is not None:
        changes["competencies"] = tuple(comps)
    return changes


def register(app: typer.Typer) -> None:
    stories = typer.Typer(
        help="Your STAR story bank: add, score, match to questions, cover a loop.",
        no_args_is_help=True,
    )
    app.add_typer(stories, name="stories")

    @stories.command("add")
    def add(
        ctx: typer.Context,
        title: Title = None,
        situation: Situation = None,
        task: Task = None,
        action: Action = None,
        result: Result = None,
        reflection: Reflection = None,
        notes: Notes = None,
        competency: Comp = None,
        track: TrackOpt = "pm",
        as_json: JsonOpt = False,
    ) -> None:
        """Add a story; it is scored and its competencies suggested at once."""
        from loopcoach.services.stories import StoryInput

        parts = {
            "situation": situation,
            "task": task,
            "action": action,
            "result": result,
            "reflection": reflection,
        }
        fields = _input(title or "", parts, notes, competency)
        story = _service(ctx).add(StoryInput(**fields), track=track)
        if as_json:
            _dump(story.to_json())
        else:
            _show_story(_console(), story)

    @stories.command("edit")
    def edit(
        ctx: typer.Context,
        story_id: Annotated[int, typer.Argument(help="The story's id.")],
        title: Title = None,
        situation: Situation = None,
        task: Task = None,
        action: Action = None,
        result: Result = None,
        reflection: Reflection = None,
        notes: Notes = None,
        competency: Comp = None,
        track: Annotated[
            str | None, typer.Option("--track", "-t", help="Score it for this track instead.")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Change some parts of a story (the rest kept); it is scored again."""
        parts = {
            "situation": situation,
            "task": task,
            "action": action,
            "result": result,
            "reflection": reflection,
        }
        story = _service(ctx).edit(story_id, _input(title, parts, notes, competency), track=track)
        if as_json:
            _dump(story.to_json())
        else:
            _show_story(_console(), story)

    @stories.command("list")
    def list_stories(ctx: typer.Context, as_json: JsonOpt = False) -> None:
        """List your stories with their grades and competencies."""
        from rich.markup import escape
        from rich.table import Table

        found = _service(ctx).all_stories()
        if as_json:
            _dump([s.to_json() for s in found])
            return
        console = _console()
        if not found:
            console.print(
                "No stories yet: `loopcoach stories add --title ...` or `stories import`."
            )
            return
        table = Table(title=f"{len(found)} story(ies)", title_justify="left")
        for col in ("Id", "Title", "Culture", "Hiring manager", "Competencies", "Told"):
            table.add_column(col)
        for s in found:
            grades = [
                f"{s.scores[r]['overall']:.2f}" if "overall" in s.scores.get(r, {}) else "-"
                for r in ("culture", "hiring_manager")
            ]
            table.add_row(
                str(s.id), escape(s.title), *grades, ", ".join(s.shows), str(len(s.told_in))
            )
        console.print(table)

    @stories.command("show")
    def show(
        ctx: typer.Context,
        story_id: Annotated[int, typer.Argument(help="The story's id.")],
        as_json: JsonOpt = False,
    ) -> None:
        """Show a story: its STAR parts, competencies, and the scorer's evidence and flags."""
        story = _service(ctx).get(story_id)
        if as_json:
            _dump(story.to_json())
        else:
            _show_story(_console(), story)

    @stories.command("rm")
    def rm(
        ctx: typer.Context,
        story_id: Annotated[int, typer.Argument(help="The story's id.")],
        yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
    ) -> None:
        """Delete a story for good (attempts that told it are kept)."""
        svc = _service(ctx)
        story = svc.get(story_id)
        if not yes and not typer.confirm(f"Delete story {story.id} {story.title!r} for good?"):
            raise typer.Exit(1)
        svc.remove(story_id)
        typer.echo(f"deleted story {story_id}")

    @stories.command("import")
    def import_(
        ctx: typer.Context,
        paths: Annotated[
            list[Path], typer.Argument(help="Markdown or YAML story files, or folders of them.")
        ],
        track: TrackOpt = "pm",
        as_json: JsonOpt = False,
    ) -> None:
        """Import stories (one a file); a file exported before updates its story."""
        done = _service(ctx).import_files(paths, track=track)
        if as_json:
            _dump([{"id": s.id, "title": s.title, "status": how} for s, how in done])
            return
        for s, how in done:
            typer.echo(f"{how} story {s.id}: {s.title}")

    @stories.command("export")
    def export(
        ctx: typer.Context,
        folder: Annotated[Path, typer.Argument(help="Folder to write one file a story into.")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="md or yaml.")] = "md",
    ) -> None:
        """Write every story to a folder as Markdown or YAML (the import format)."""
        written = _service(ctx).export_files(folder, fmt)
        typer.echo(f"wrote {len(written)} story file(s) to {folder}")

    @stories.command("match")
    def match(
        ctx: typer.Context,
        question: Annotated[str, typer.Argument(help="The question's text.")] = "",
        question_id: Annotated[
            str | None, typer.Option("--question-id", "-q", help="A pack question's id instead.")
        ] = None,
        limit: Annotated[int, typer.Option("--limit", "-n", help="Show this many.")] = 5,
        as_json: JsonOpt = False,
    ) -> None:
        """Rank your stories for a question, with the reasons (the same every time)."""
        found = _service(ctx).match(question, question_id=question_id, limit=max(1, limit))
        if as_json:
            _dump([m.to_json() for m in found])
        elif not found:
            typer.echo("No stories yet to match.")
        else:
            _show_matches(_console(), found)

    @stories.command("coverage")
    def coverage(ctx: typer.Context, track: TrackOpt = "pm", as_json: JsonOpt = False) -> None:
        """A loop's rounds and competencies against your stories, gaps and warnings."""
        svc = _service(ctx)
        cov = svc.coverage(track)
        warnings = svc.warnings(track, stories=cov.stories)
        if as_json:
            _dump({**cov.to_json(), "warnings": [w.to_json() for w in warnings]})
            return
        console = _console()
        _show_coverage(console, cov)
        _show_warnings(console, warnings)

    @stories.command("tell")
    def tell(
        ctx: typer.Context,
        story_id: Annotated[int, typer.Argument(help="The story's id.")],
        attempt: Annotated[int, typer.Option("--attempt", "-a", help="The attempt that told it.")],
    ) -> None:
        """Record that an attempt told this story (counts towards the over-told warning)."""
        svc = _service(ctx)
        svc.tell(story_id, attempt)
        typer.echo(f"attempt {attempt} told story {story_id}")
        for w in svc.warnings_told():
            if w.story_id == story_id:
                typer.echo(f"warning: {w.message}", err=True)
