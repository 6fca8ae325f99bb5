"""`loopcoach service ...` through the CLI runner: the first admin, invitations, adoption."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from typer.testing import Result

from loopcoach.services.accounts import Accounts

Invoke = Callable[..., Result]


def engine_of(database_file: Path) -> Engine:
    return create_engine(f"sqlite:///{database_file}")


def test_the_first_admin_an_invitation_a_cohort_and_a_reset_code(
    invoke,
    database_file: Path,  # type: ignore[no-untyped-def]
) -> None:
    made = invoke(
        "service", "create-admin", "Root.Admin", "--password-stdin", input="a long admin password\n"
    )
    assert made.exit_code == 0, made.output
    assert "Admin root.admin created" in made.output
    short = invoke("service", "create-admin", "other", "--password-stdin", input="short\n")
    assert short.exit_code == 2 and "at least 10 characters" in short.output
    taken = invoke(
        "service", "create-admin", "root.admin", "--password-stdin", input="x" * 12 + "\n"
    )
    assert taken.exit_code == 2 and "is taken" in taken.output

    assert invoke("service", "cohort", "Spring intake").exit_code == 0
    code = invoke("service", "invite", "--cohort", "Spring intake").output.strip()
    assert len(code) >= 12
    missing = invoke("service", "invite", "--cohort", "Nope")
    assert missing.exit_code == 2 and "no cohort 'Nope'" in missing.output

    accounts = Accounts(engine_of(database_file))
    student = accounts.sign_up("mei", "a long student password", code=code)
    assert [a.username for a in accounts.students(accounts.cohorts()[0][0])] == ["mei"]

    reset = invoke("service", "reset-code", "mei")
    assert reset.exit_code == 0
    accounts.reset_password("mei", reset.output.strip(), "another long password")
    assert accounts.authenticate("mei", "another long password").id == student.id

    listed = json.loads(invoke("service", "accounts", "--json").output)
    assert {(a["username"], a["role"]) for a in listed} == {
        ("root.admin", "admin"),
        ("mei", "candidate"),
    }
    log = [e["action"] for e in accounts.audit_log()]
    assert {"account.create", "cohort.create", "invitation.create", "account.reset_code"} <= set(
        log
    )


def test_a_local_database_is_adopted_by_an_account(invoke: Invoke, database_file: Path) -> None:
    from loopcoach.content.index import load_content
    from loopcoach.services.practice import PracticeService
    from loopcoach.store import Store

    content = load_content()
    with Store.open(f"sqlite:///{database_file}") as store:
        practice = PracticeService(store, content)
        question = practice.question(content.questions(track="pm", round="culture")[0].id)
        practice.submit(question, "I missed the launch by two weeks; I now check capacity first.")
    invoke("service", "create-admin", "owner", "--password-stdin", input="a long admin password\n")
    moved = invoke("service", "adopt-local", "owner")
    assert moved.exit_code == 0 and "1 attempt(s)" in moved.output, moved.output
    with engine_of(database_file).connect() as conn:
        owners = set(conn.execute(text('SELECT DISTINCT "user" FROM attempts')).scalars())
        uid = conn.execute(text("SELECT uid FROM accounts WHERE username = 'owner'")).scalar_one()
    assert owners == {uid}
    assert "No attempts yet" in invoke("progress").output  # "local" has nothing left
