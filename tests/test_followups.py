"""Follow-up tracing on two consecutive meetings of one body (Limerick, Adare-Rathkeale, Sept and Oct 2014)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from pipeline.followups import Passage, best_follow_up, candidates
from tests.conftest import CORPUS, minutes

SEPTEMBER = CORPUS / "limerick" / "adare-rathkeale-2014-09-09.md"
OCTOBER = CORPUS / "limerick" / "adare-rathkeale-2014-10-07.md"


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_a_report_back_names_the_subject_of_the_action() -> None:
    later = [
        Passage("Members commended the Delegation for its presentation adding that it was a worthwhile project.", 0, 1),
        Passage(
            "The Senior Executive Engineer, Environment, gave an update to Members on queries arising from last "
            "month’s Meeting regarding the Proposed Lease of Gortadroma Landfill and bid made by Cadence EnviroPower.",
            2,
            3,
        ),
    ]
    found = candidates(later)
    match = best_follow_up(
        "he would attend the next Meeting to give clarification on a number of issues", "Gortadroma Landfill", found
    )
    assert match is not None and match.passage.start == 2
    assert best_follow_up("a list be drawn up of qualified plumbers", "Home and Social Development", found) is None


def test_consecutive_meetings_link_follow_ups_in_either_order(engine: Engine) -> None:
    url = _url(engine)
    # the later meeting first: its report-back is found when the earlier meeting arrives
    assert minutes("ingest", str(OCTOBER), "--db", url).returncode == 0
    assert minutes("ingest", str(SEPTEMBER), "--db", url).returncode == 0
    done = json.loads(minutes("actions", "--db", url, "--status", "done", "--format", "json").stdout)
    topics = {row["topic"]: row for row in done}
    assert set(topics) == {"Gortadroma Landfill", "Local Government Reform Act 2014"}
    gortadroma = topics["Gortadroma Landfill"]
    assert gortadroma["date"] == "2014-09-09" and gortadroma["follow_ups"] == 1

    shown = minutes("action", str(gortadroma["id"]), "--db", url)
    assert shown.returncode == 0, shown.stderr
    assert "status    done" in shown.stdout
    # two Senior Executive Engineers attended: the owner is recorded as ambiguous, not guessed
    assert "[ambiguous: G. Doherty; T. McKechnie]" in shown.stdout
    assert "2014-10-07" in shown.stdout and "Proposed Lease of Gortadroma Landfill" in shown.stdout

    detail = json.loads(minutes("action", str(gortadroma["id"]), "--db", url, "--format", "json").stdout)
    assert detail["follow_ups"][0]["document"].endswith("adare-rathkeale-2014-10-07.md")
    assert detail["sentence"].startswith("The Senior Executive Engineer indicated that he would attend")


def test_replacing_the_report_back_reopens_the_action(engine: Engine, tmp_path: Path) -> None:
    """An action is done while a stored document reports back on it; a new version without the report-back
    replaces that document's follow-ups, and the action is open again."""
    url = _url(engine)
    september, october = tmp_path / SEPTEMBER.name, tmp_path / OCTOBER.name  # one folder: one council's
    september.write_text(SEPTEMBER.read_text(encoding="utf-8"), encoding="utf-8")
    october.write_text(OCTOBER.read_text(encoding="utf-8"), encoding="utf-8")
    assert minutes("ingest", str(september), str(october), "--db", url).returncode == 0

    def gortadroma() -> dict[str, object]:
        rows = json.loads(minutes("actions", "--db", url, "--format", "json").stdout)
        return next(row for row in rows if row["topic"] == "Gortadroma Landfill")

    assert gortadroma()["status"] == "done"
    without = [line for line in OCTOBER.read_text(encoding="utf-8").splitlines() if "Gortadroma" not in line]
    october.write_text("\n".join(without), encoding="utf-8")
    result = minutes("ingest", str(october), "--db", url)
    assert "0 new, 0 unchanged, 1 replaced, 0 failed" in result.stdout
    assert gortadroma()["status"] == "open" and gortadroma()["follow_ups"] == 0


def test_actions_filters_and_unknown_action(engine: Engine) -> None:
    url = _url(engine)
    assert minutes("ingest", str(SEPTEMBER), "--db", url).returncode == 0
    rows = json.loads(minutes("actions", "--db", url, "--owner", "Senior Executive", "--format", "json").stdout)
    assert [row["owner"] for row in rows] == ["Senior Executive Engineer"]
    assert rows[0]["status"] == "open"  # nothing has reported back yet
    csv_out = minutes("actions", "--db", url, "--body", "Adare", "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("id,date,body,item,owner")
    missing = minutes("action", "99999", "--db", url)
    assert missing.returncode == 1 and missing.stderr.strip() == "error: no action 99999"
    bad = minutes("actions", "--db", url, "--status", "later")
    assert bad.returncode == 2


def _parish_minutes(path: Path, date: str, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Minutes of Parish Council {date}\nPresent: Bill Abram, Dorothy Hames\n{body}\n", encoding="utf-8")
    return path


def test_a_generic_body_without_its_council_is_traced_only_within_its_source(engine: Engine, tmp_path: Path) -> None:
    # two parishes' minutes both say only 'Parish Council': a report-back in the other parish's folder is not one
    url = _url(engine)
    action = "1 Footpaths\nAction: Clerk to write to Highways about the Mill Lane footpath at Banks."
    report = "1 Footpaths\nThe Clerk reported that Highways had replied about the Mill Lane footpath at Banks."
    first = _parish_minutes(tmp_path / "north" / "2016-09-13.txt", "13 September 2016", action)
    elsewhere = _parish_minutes(tmp_path / "south" / "2016-10-11.txt", "11 October 2016", report)
    assert minutes("ingest", str(first), str(elsewhere), "--db", url).returncode == 0
    assert json.loads(minutes("actions", "--db", url, "--status", "done", "--format", "json").stdout) == []

    # the same report in the first parish's folder (not byte for byte: the same bytes are one document)
    same_parish = _parish_minutes(tmp_path / "north" / "2016-10-11.txt", "11 October 2016", report + "\n")
    assert minutes("ingest", str(same_parish), "--db", url).returncode == 0
    done = json.loads(minutes("actions", "--db", url, "--status", "done", "--format", "json").stdout)
    assert [row["date"] for row in done] == ["2016-09-13"]
