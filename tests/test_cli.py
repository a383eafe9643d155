"""The ``workbench`` command line on real plan files."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from workbench import sample_plan_path
from workbench.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_schedule_prints_a_table_with_dates_float_and_critical():
    result = run("schedule", str(sample_plan_path()))
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("CRM migration: 2027-01-04 .. ")
    assert "T1 " in result.output and "yes" in result.output
    assert "total_float" in result.output


def test_critical_only_lists_only_critical_work():
    result = run("schedule", str(sample_plan_path()), "--format", "json", "--critical-only")
    rows = json.loads(result.output)
    assert rows and all(row["critical"] for row in rows)
    assert not any(row["id"].startswith("W") for row in rows)


def test_csv_has_one_row_per_task():
    result = run("schedule", str(sample_plan_path()), "--format", "csv")
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("id,name,duration,start,finish,total_float")
    assert len(lines) == 1 + 54


def test_bad_plan_exits_2_with_the_message_and_no_traceback(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("project: {start: 2027-01-04}\ntasks:\n  - {id: T12, duration: -3}\n")
    result = subprocess.run([sys.executable, "-m", "workbench.cli", "schedule", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "tasks row 'T12' column 'duration': must be >= 0, got -3" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_explains_each_command():
    result = run("--help")
    assert result.exit_code == 0
    assert "schedule" in result.output and "serve" in result.output
    assert "--read-only" in run("serve", "--help").output


def test_many_long_problems_print_as_a_short_list(tmp_path):
    path = tmp_path / "bad.yaml"
    rows = "".join(f"  - {{id: T{i}{'x' * 300}, duration: {'y' * 500}}}\n" for i in range(30))
    path.write_text("project: {start: 2027-01-04}\ntasks:\n" + rows)
    result = CliRunner().invoke(main, ["schedule", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {path}: plan has 30 problems:"
    assert lines[-1] == "  ... and 10 more"
    assert len(lines) == 1 + 2 * 20 + 1
    assert all(len(line) <= 120 for line in lines)
    assert lines[1].startswith("  tasks row 'T0xxx") and lines[1].endswith("column 'duration':")
    assert lines[2].startswith("      expected a number from 0 to 36525, got 'yyy")


def test_short_problems_print_one_line_each(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("project: {start: 2027-01-04}\ntasks:\n  - {id: A, duration: '2,500'}\n"
                    "  - {id: B, duration: .nan}\n")
    result = CliRunner().invoke(main, ["schedule", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1:] == [
        "  tasks row 'A' column 'duration': ambiguous decimal comma: write 2.5 or 2500, "
        "got '2,500'",
        "  tasks row 'B' column 'duration': expected a number from 0 to 36525, got nan"]


def test_plan_reaching_beyond_the_span_exits_2_when_scheduled(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text("project: {start: 2027-01-04}\ntasks:\n  - {id: A, duration: 30000}\n"
                    "  - {id: B, duration: 30000}\nlinks:\n  - {from: A, to: B}\n")
    result = CliRunner().invoke(main, ["schedule", str(path)])
    assert result.exit_code == 2
    assert "more than 100 years from the project start 2027-01-04" in result.stderr
    assert result.stdout == ""


def test_serve_refuses_a_network_address_without_a_login(monkeypatch):
    served = []
    monkeypatch.setattr("workbench.ui.app.serve", lambda *a, **k: served.append(k))
    result = run("serve", "--address", "0.0.0.0")
    assert result.exit_code == 2
    assert "Refusing to serve 0.0.0.0 without a login" in result.output
    assert served == []


def test_serve_listens_on_this_machine_by_default(monkeypatch):
    served = []
    monkeypatch.setattr("workbench.ui.app.serve", lambda *a, **k: served.append(k))
    assert run("serve").exit_code == 0
    assert served[0]["address"] == "127.0.0.1"
    assert served[0]["access"].login == "none"


def test_serve_on_the_network_with_a_users_file_or_oauth(monkeypatch, tmp_path):
    served = []
    monkeypatch.setattr("workbench.ui.app.serve", lambda *a, **k: served.append(k))
    users = tmp_path / "users.json"
    assert run("users", "add", str(users), "dana", "--role", "editor",
               "--password", "pw").exit_code == 0
    assert run("serve", "--address", "0.0.0.0", "--basic-auth", str(users)).exit_code == 0
    assert served[-1]["access"].role("dana") == "editor"
    assert served[-1]["access"].role("stranger") == "viewer"
    result = run("serve", "--address", "0.0.0.0", "--oauth-provider", "github",
                 "--oauth-key", "k", "--oauth-secret", "s", "--editor", "dana")
    assert result.exit_code == 0, result.output
    assert served[-1]["oauth_key"] == "k" and served[-1]["oauth_secret"] == "s"
    assert served[-1]["access"].role("dana") == "editor"
    assert served[-1]["access"].role("sam") == "viewer"
    assert run("serve", "--address", "0.0.0.0", "--no-auth").exit_code == 0


def test_users_add_stores_a_salted_hash_and_the_role(tmp_path):
    users = tmp_path / "users.json"
    result = CliRunner().invoke(main, ["users", "add", str(users), "sam"],
                                input="horse battery\nhorse battery\n")
    assert result.exit_code == 0, result.output
    stored = json.loads(users.read_text())
    assert stored["sam"]["role"] == "viewer"
    assert "horse battery" not in users.read_text()
    assert stored["sam"]["password"].startswith("scrypt$")
    assert oct(users.stat().st_mode & 0o777) == "0o600"
    run("users", "add", str(users), "kim", "--password", "horse battery")
    assert json.loads(users.read_text())["kim"]["password"] != stored["sam"]["password"]
