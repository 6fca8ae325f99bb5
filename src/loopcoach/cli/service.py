"""`loopcoach service ...`: set up and run service mode from the terminal.

What an operator needs before anyone can sign in (the first admin), and what is handy
from a shell afterwards: invitations, cohorts, reset codes, the account list, and moving
a local database's answers into an account. These act on the database the settings
name, as the operator (who holds the database anyway); each change goes to the audit
log with "(the terminal)" as who made it.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from loopcoach.cli.context import state
from loopcoach.errors import UsageError

service_app = typer.Typer(
    help="Service mode: the first admin, invitations, cohorts, reset codes, accounts.",
    no_args_is_help=True,
)


def _accounts(ctx: typer.Context):  # type: ignore[no-untyped-def]
    from loopcoach.services.accounts import Accounts

    return Accounts(state(ctx).store.engine)


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        import sys

        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("Password", hide_input=True)
    again = typer.prompt("Again", hide_input=True)
    if first != again:
        raise UsageError("the two passwords differ; nothing was changed")
    return str(first)


@service_app.command("create-admin")
def create_admin(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="The admin's username.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Make an admin account (the first one, or another)."""
    account = _accounts(ctx).create(username, _read_password(password_stdin), role="admin")
    typer.echo(f"Admin {account.username} created. Sign in at /login.")


@service_app.command("invite")
def invite(
    ctx: typer.Context,
    role: Annotated[str, typer.Option("--role", help="candidate, coach or admin.")] = "candidate",
    cohort: Annotated[
        str | None, typer.Option("--cohort", help="The cohort (by name) the account joins.")
    ] = None,
) -> None:
    """Print an invitation code for one sign-up (valid 14 days)."""
    accounts = _accounts(ctx)
    cohort_id = None
    if cohort is not None:
        found = [i for i, name in accounts.cohorts() if name == cohort.strip()]
        if not found:
            raise UsageError(f"no cohort {cohort!r}; `loopcoach service cohort NAME` makes one")
        cohort_id = found[0]
    typer.echo(accounts.invite(None, role=role, cohort_id=cohort_id))


@service_app.command("cohort")
def cohort(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The new cohort's name.")],
    coach: Annotated[
        list[str] | None, typer.Option("--coach", help="A coach's username (repeatable).")
    ] = None,
) -> None:
    """Make a cohort, and name its coaches."""
    accounts = _accounts(ctx)
    cohort_id = accounts.create_cohort(name, None)
    for username in coach or []:
        account = accounts.by_username(username)
        if account is None:
            raise UsageError(f"no account {username!r}; the cohort was made without it")
        accounts.add_member(cohort_id, account, "coach", None)
    typer.echo(f"Cohort {name.strip()!r} made (id {cohort_id}).")


@service_app.command("reset-code")
def reset_code(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Whose password to reset.")],
) -> None:
    """Print a one-time password reset code (valid 24 hours) for the person to use at /reset."""
    accounts = _accounts(ctx)
    account = accounts.by_username(username)
    if account is None:
        raise UsageError(f"no account {username!r}")
    typer.echo(accounts.issue_reset(account, None))


@service_app.command("accounts")
def list_accounts(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the accounts: username, role, and whether each is disabled."""
    found = _accounts(ctx).all()
    if as_json:
        typer.echo(json.dumps([a.to_json() for a in found], indent=2))
        return
    if not found:
        typer.echo("No accounts yet: `loopcoach service create-admin NAME` makes the first.")
    for a in found:
        state_word = "\tdisabled" if a.disabled else ""
        typer.echo(f"{a.username}\t{a.role}{state_word}")


@service_app.command("adopt-local")
def adopt_local(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="The account that receives the local data.")],
    from_user: Annotated[
        str, typer.Option("--from-user", help="The local user whose data moves.")
    ] = "local",
) -> None:
    """Give a local database's answers, loops, stories, plans and cards to an account."""
    accounts = _accounts(ctx)
    account = accounts.by_username(username)
    if account is None:
        raise UsageError(f"no account {username!r}")
    moved = accounts.adopt(from_user, account)
    typer.echo(f"{moved} attempt(s) and everything else of {from_user!r} now belong to {username}.")


def register(app: typer.Typer) -> None:
    app.add_typer(service_app, name="service")
