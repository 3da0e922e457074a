"""The CI definitions: what runs on a pull/merge request, what publishes, and with which rights.

Both files are read with ``yaml.safe_load`` and their ``if:``/``rules:`` conditions are evaluated
by a small interpreter for the few operators they use, so the tests follow what GitHub and GitLab
would actually run, not how the files happen to be spelled.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from generator import published
from generator.cli import cli

REPO = Path(__file__).resolve().parent.parent
GITHUB_WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
GITLAB_CI = REPO / ".gitlab-ci.yml"

SHA = re.compile(r"[0-9a-f]{40}")
MASTERPLAN_COMMAND = re.compile(r"(?<![\w./-])masterplan(?:\s+[^\s;&|<>]+)*")
WRITE_SCOPES_FOR_DEPLOY = {"pages", "id-token"}


# ---------------------------------------------------------------- condition interpreter

_TOKEN = re.compile(r"""\s*(?:
    (?P<str>"[^"]*"|'[^']*')
  | (?P<op>==|!=|&&|\|\||!|\(|\))
  | (?P<name>\$?[A-Za-z_][A-Za-z0-9_.-]*)
)""", re.VERBOSE)


def _tokens(expression: str) -> list[tuple[str, str]]:
    text = expression.strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2]
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        assert match is not None and match.end() > pos, f"unsupported condition syntax at {text[pos:]!r}"
        kind = match.lastgroup
        assert kind is not None
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


class _Condition:
    """``a == b``, ``!=``, ``&&``, ``||``, ``!``, parentheses, strings, variables and ``true``/``false``."""

    def __init__(self, expression: str, variables: Mapping[str, str]) -> None:
        self.tokens = _tokens(expression)
        self.pos = 0
        self.variables = variables

    def evaluate(self) -> bool:
        value = self._or()
        assert self.pos == len(self.tokens), f"unparsed condition tail: {self.tokens[self.pos:]}"
        return bool(value)

    def _peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def _or(self) -> object:
        left = self._and()
        while self._peek() == "||":
            self.pos += 1
            right = self._and()
            left = left or right
        return left

    def _and(self) -> object:
        left = self._compare()
        while self._peek() == "&&":
            self.pos += 1
            right = self._compare()
            left = left and right
        return left

    def _compare(self) -> object:
        left = self._unary()
        op = self._peek()
        if op in ("==", "!="):
            self.pos += 1
            right = self._unary()
            return (left == right) if op == "==" else (left != right)
        return left

    def _unary(self) -> object:
        kind, value = self.tokens[self.pos]
        self.pos += 1
        if value == "!":
            return not self._unary()
        if value == "(":
            inner = self._or()
            assert self._peek() == ")", "unbalanced parentheses in condition"
            self.pos += 1
            return inner
        if kind == "str":
            return value[1:-1]
        if value in ("true", "false"):
            return value == "true"
        assert kind == "name", f"unexpected token {value!r}"
        # An unset variable is empty (GitLab) or the empty string (GitHub contexts alike).
        return self.variables.get(value.lstrip("$"), "")


def condition(expression: object, variables: Mapping[str, str]) -> bool:
    """Evaluate a GitHub ``if:`` or GitLab ``rules: if:`` against a set of variables."""
    if isinstance(expression, bool):
        return expression
    return _Condition(str(expression), variables).evaluate()


# ---------------------------------------------------------------- GitHub Actions


@pytest.fixture(scope="module")
def github() -> dict[Any, Any]:
    data = yaml.safe_load(GITHUB_WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: Mapping[Any, Any]) -> dict[str, Any]:
    """The ``on:`` mapping; PyYAML (YAML 1.1) reads the bare key ``on`` as the boolean True."""
    raw = workflow.get("on", workflow.get(True))
    if isinstance(raw, str):
        return {raw: None}
    if isinstance(raw, list):
        return {name: None for name in raw}
    assert isinstance(raw, dict), "the workflow has no triggers"
    return raw


GITHUB_EVENTS = {
    "pull_request": {"github.event_name": "pull_request", "github.ref": "refs/pull/7/merge"},
    "push_main": {"github.event_name": "push", "github.ref": "refs/heads/main"},
    "push_other": {"github.event_name": "push", "github.ref": "refs/heads/fitur"},
}


def github_runs(workflow: Mapping[Any, Any], event: str) -> set[str]:
    """Jobs that run for an event: the workflow triggers, each job's ``if`` and its ``needs``."""
    variables = GITHUB_EVENTS[event]
    on = triggers(workflow)
    name = variables["github.event_name"]
    if name not in on:
        return set()
    branches = (on[name] or {}).get("branches")
    if branches is not None and name == "push" and variables["github.ref"].removeprefix("refs/heads/") not in branches:
        return set()
    jobs: dict[str, Any] = workflow["jobs"]
    running: set[str] = set()
    decided: set[str] = set()
    while len(decided) < len(jobs):
        progressed = False
        for job_id, job in jobs.items():
            if job_id in decided:
                continue
            needs = job.get("needs", [])
            needs = [needs] if isinstance(needs, str) else needs
            if any(n not in decided for n in needs):
                continue
            if all(n in running for n in needs) and condition(job.get("if", True), variables):
                running.add(job_id)
            decided.add(job_id)
            progressed = True
        assert progressed, "cycle in job needs"
    return running


def github_commands(job: Mapping[str, Any]) -> list[str]:
    return [step["run"] for step in job.get("steps", []) if "run" in step]


def masterplan_invocations(scripts: list[str]) -> Iterator[list[str]]:
    """Each ``masterplan ...`` command in shell scripts, split into arguments after the program name."""
    for script in scripts:
        for line in script.splitlines():
            line = line.split(" #", 1)[0]
            for match in MASTERPLAN_COMMAND.finditer(line):
                yield shlex.split(match.group(0))[1:]


def assert_valid_cli(args: list[str]) -> None:
    """The subcommand exists and click accepts its options (nothing is run)."""
    assert args, "bare 'masterplan' without a subcommand"
    name, rest = args[0], args[1:]
    assert name in cli.commands, f"'masterplan {name}' is not a subcommand of generator.cli.cli"
    command = cli.commands[name]
    try:
        with command.make_context(name, list(rest)):
            pass
    except click.ClickException as exc:  # pragma: no cover - shown when a workflow drifts from the CLI
        pytest.fail(f"'masterplan {' '.join(args)}' is refused by the CLI: {exc.format_message()}")


def has(invocations: list[list[str]], sub: str, *flags: str) -> bool:
    return any(a[:1] == [sub] and all(f in a for f in flags) for a in invocations)


def test_github_triggers_are_pull_request_and_push_to_main(github: dict[Any, Any]) -> None:
    on = triggers(github)
    assert "pull_request_target" not in on
    assert "workflow_run" not in on
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]


def test_github_pull_request_checks_then_builds_strictly(github: dict[Any, Any]) -> None:
    jobs = github_runs(github, "pull_request")
    assert jobs, "nothing runs on pull_request"
    for job_id in jobs:
        commands = list(masterplan_invocations(github_commands(github["jobs"][job_id])))
        assert "pip install -e ." in " ".join(github_commands(github["jobs"][job_id]))
        assert has(commands, "check", "--strict", "--format", "github"), \
            f"{job_id}: no 'masterplan check --strict --format github' (the command the editors' guide names)"
        assert has(commands, "build", "--strict"), f"{job_id}: no 'masterplan build --strict'"
        subs = [a[0] for a in commands]
        assert subs.index("check") < subs.index("build"), "check must run before build"
        fmt = next(a for a in commands if a[0] == "check")
        assert fmt[fmt.index("--format") + 1] == "github"


def test_github_pull_request_runs_nothing_that_deploys(github: dict[Any, Any]) -> None:
    for job_id in github_runs(github, "pull_request"):
        job = github["jobs"][job_id]
        assert "environment" not in job
        uses = [step.get("uses", "") for step in job.get("steps", [])]
        assert not any(u.startswith(("actions/deploy-pages", "actions/upload-pages-artifact")) for u in uses)


def test_github_push_to_main_builds_strictly_and_deploys(github: dict[Any, Any]) -> None:
    jobs = github_runs(github, "push_main")
    steps = [step for job_id in jobs for step in github["jobs"][job_id].get("steps", [])]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert "actions/upload-pages-artifact" in uses
    assert "actions/deploy-pages" in uses
    commands = [a for job_id in jobs for a in masterplan_invocations(github_commands(github["jobs"][job_id]))]
    assert has(commands, "build", "--strict")
    build_step = next(s for s in steps if "masterplan build" in s.get("run", ""))
    site_url = build_step.get("env", {}).get("MASTERPLAN_SITE_URL", "")
    pages_step = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    assert site_url == "${{ steps." + pages_step["id"] + ".outputs.base_url }}"
    assert github_runs(github, "push_other") == set()


def test_github_masterplan_commands_exist(github: dict[Any, Any]) -> None:
    found = [a for job in github["jobs"].values() for a in masterplan_invocations(github_commands(job))]
    assert found
    for args in found:
        assert_valid_cli(args)


def _is_read_only(permissions: object) -> bool:
    if permissions in ({}, "read-all"):
        return True
    return isinstance(permissions, dict) and all(v in ("read", "none") for v in permissions.values())


def _writes(permissions: object) -> set[str]:
    if permissions == "write-all":
        return {"*"}
    if isinstance(permissions, dict):
        return {k for k, v in permissions.items() if v == "write"}
    return set()


def test_github_top_level_permissions_are_empty_or_read_only(github: dict[Any, Any]) -> None:
    assert "permissions" in github, "top-level permissions must be declared (empty or read-only)"
    assert _is_read_only(github["permissions"])


def _guarded_to_main(job: Mapping[str, Any]) -> bool:
    guard = re.sub(r"\s+", " ", str(job.get("if", "")))
    return ("github.event_name == 'push'" in guard and "github.ref == 'refs/heads/main'" in guard
            and "||" not in guard and "always()" not in guard)


def test_github_only_the_guarded_deploy_and_record_jobs_can_write(github: dict[Any, Any]) -> None:
    writers = {job_id: _writes(job.get("permissions")) for job_id, job in github["jobs"].items()}
    writers = {job_id: scopes for job_id, scopes in writers.items() if scopes}
    assert sorted(writers.values(), key=sorted) == [{"contents"}, WRITE_SCOPES_FOR_DEPLOY], writers
    deploy_id = next(job_id for job_id, scopes in writers.items() if scopes == WRITE_SCOPES_FOR_DEPLOY)
    deploy = github["jobs"][deploy_id]
    assert set(deploy["permissions"]) <= WRITE_SCOPES_FOR_DEPLOY | {"contents"}
    assert deploy.get("permissions", {}).get("contents", "read") in ("read", "none")
    assert _guarded_to_main(deploy)
    environment = deploy["environment"]
    assert (environment["name"] if isinstance(environment, dict) else environment) == "github-pages"
    assert deploy["concurrency"]["group"].startswith("pages")
    assert deploy["concurrency"]["cancel-in-progress"] is False
    # The guard holds in practice: the deploy job runs on a push to main and on nothing else.
    assert deploy_id in github_runs(github, "push_main")
    assert deploy_id not in github_runs(github, "pull_request")
    assert deploy_id not in github_runs(github, "push_other")
    # The job that commits the register of published URLs: contents only, after the deploy, on main only.
    record_id = next(job_id for job_id, scopes in writers.items() if scopes == {"contents"})
    record = github["jobs"][record_id]
    assert record["permissions"] == {"contents": "write"}
    assert _guarded_to_main(record)
    assert record["needs"] in (deploy_id, [deploy_id])
    assert record_id in github_runs(github, "push_main")
    assert record_id not in github_runs(github, "pull_request") | github_runs(github, "push_other")
    # Only its last step sees the token, and it pushes nowhere but main.
    token_steps = [i for i, step in enumerate(record["steps"]) if "github.token" in str(step)]
    assert token_steps == [len(record["steps"]) - 1]
    assert record["steps"][-1]["run"].rstrip().endswith("push origin HEAD:main")
    # Builds find the job's last commit of the register by this subject.
    assert f'-m "{published.RECORD_SUBJECT}' in record["steps"][-1]["run"]


def test_github_builds_keep_what_main_published(github: dict[Any, Any]) -> None:
    """Both builds compare against everything main ever recorded: the whole history is fetched."""
    for event in ("pull_request", "push_main"):
        builders = [job_id for job_id in github_runs(github, event)
                    if has(list(masterplan_invocations(github_commands(github["jobs"][job_id]))), "build")]
        assert builders, event
        for job_id in builders:
            job = github["jobs"][job_id]
            build = next(a for a in masterplan_invocations(github_commands(job)) if a[0] == "build")
            assert build[build.index("--published") + 1] == "origin/main"
            checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
            assert checkout["with"]["fetch-depth"] == 0
    recorders = [job_id for job_id, job in github["jobs"].items()
                 if has(list(masterplan_invocations(github_commands(job))), "record-urls")]
    assert len(recorders) == 1 and recorders[0] in github_runs(github, "push_main")


def test_github_every_job_declares_its_permissions(github: dict[Any, Any]) -> None:
    for job_id, job in github["jobs"].items():
        assert "permissions" in job, f"job {job_id} inherits permissions instead of declaring them"


def _uses(workflow: Mapping[Any, Any]) -> Iterator[str]:
    for job in workflow["jobs"].values():
        if "uses" in job:  # a reusable workflow
            yield job["uses"]
        for step in job.get("steps", []):
            if "uses" in step:
                yield step["uses"]


def test_github_actions_are_pinned_to_full_commit_shas(github: dict[Any, Any]) -> None:
    uses = list(_uses(github))
    assert uses
    for ref in uses:
        if ref.startswith("./"):
            continue
        if ref.startswith("docker://"):
            assert "@sha256:" in ref, f"{ref}: pin the image by digest"
            continue
        version = ref.partition("@")[2]
        assert SHA.fullmatch(version), f"{ref}: pin to a full 40-hex commit SHA"
    for line in GITHUB_WORKFLOW.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*(-\s+)?uses:\s*(?!\./)", line):
            assert re.search(r"#\s*v\d+\.\d+\.\d+\s*$", line), f"say which release the SHA is: {line.strip()}"


def test_github_checkout_does_not_keep_the_token(github: dict[Any, Any]) -> None:
    for job in github["jobs"].values():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False


def test_github_concurrency_is_set(github: dict[Any, Any]) -> None:
    assert "group" in github["concurrency"]


# ---------------------------------------------------------------- GitLab CI


def test_gitlab_builds_keep_what_the_default_branch_published(gitlab: dict[str, Any]) -> None:
    jobs = gitlab_jobs(gitlab)
    assert gitlab["variables"]["GIT_DEPTH"] == "0"
    for pipeline in ("merge_request", "push_default"):
        for name in gitlab_runs(gitlab, pipeline):
            commands = gitlab_commands(jobs[name])
            assert any(c.startswith("git fetch") and "refs/remotes/origin/$CI_DEFAULT_BRANCH" in c for c in commands)
            for build in (a for a in masterplan_invocations(commands) if a[0] == "build"):
                assert build[build.index("--published") + 1] == "origin/$CI_DEFAULT_BRANCH"
    recorders = [name for name, job in jobs.items()
                 if has(list(masterplan_invocations(gitlab_commands(job))), "record-urls")]
    assert recorders == ["record-urls"]
    assert "record-urls" in gitlab_runs(gitlab, "push_default")
    for pipeline in ("merge_request", "push_other", "push_with_open_mr"):
        assert "record-urls" not in gitlab_runs(gitlab, pipeline)
    assert jobs["record-urls"]["needs"] == ["pages"]
    assert any(f'-m "{published.RECORD_SUBJECT}' in line for line in gitlab_commands(jobs["record-urls"]))


@pytest.fixture(scope="module")
def gitlab() -> dict[str, Any]:
    data = yaml.safe_load(GITLAB_CI.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


GITLAB_GLOBAL_KEYWORDS = {
    "default", "include", "stages", "variables", "workflow",
    "image", "services", "cache", "before_script", "after_script",  # deprecated global forms
}

GITLAB_PIPELINES = {
    "merge_request": {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_DEFAULT_BRANCH": "main",
                      "CI_MERGE_REQUEST_IID": "7", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "fitur"},
    "push_default": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main"},
    "push_other": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "fitur", "CI_DEFAULT_BRANCH": "main"},
    "push_with_open_mr": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "fitur", "CI_DEFAULT_BRANCH": "main",
                          "CI_OPEN_MERGE_REQUESTS": "grup/proyek!7"},
}


def gitlab_jobs(ci: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Visible jobs with ``extends`` and ``default`` merged in (top-level keys only, as GitLab does)."""

    def resolved(name: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
        assert name not in seen, f"extends cycle at {name}"
        job = dict(ci[name])
        parents = job.pop("extends", [])
        merged: dict[str, Any] = {}
        for parent in [parents] if isinstance(parents, str) else parents:
            merged.update(resolved(parent, (*seen, name)))
        merged.update(job)
        return merged

    jobs = {}
    for name, value in ci.items():
        if name.startswith(".") or name in GITLAB_GLOBAL_KEYWORDS or not isinstance(value, dict):
            continue
        job = {**ci.get("default", {}), **resolved(name)}
        jobs[name] = job
    return jobs


def _rules_allow(rules: list[dict[str, Any]] | None, variables: Mapping[str, str]) -> bool:
    if rules is None:
        return True
    for rule in rules:
        if "if" not in rule or condition(rule["if"], variables):
            return rule.get("when", "on_success") != "never"
    return False


def gitlab_runs(ci: Mapping[str, Any], pipeline: str) -> set[str]:
    variables = GITLAB_PIPELINES[pipeline]
    if not _rules_allow(ci.get("workflow", {}).get("rules"), variables):
        return set()
    running = set()
    for name, job in gitlab_jobs(ci).items():
        assert "only" not in job and "except" not in job, f"{name}: use rules:, not only/except"
        if _rules_allow(job.get("rules"), variables):
            running.add(name)
    return running


def gitlab_commands(job: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    for key in ("before_script", "script", "after_script"):
        value = job.get(key, [])
        lines.extend([value] if isinstance(value, str) else value)
    return lines


def _deploys(name: str, job: Mapping[str, Any]) -> bool:
    return name == "pages" or "pages" in job or "environment" in job or any(
        "--site-dir public" in line for line in gitlab_commands(job))


def test_gitlab_merge_request_checks_then_builds_strictly(gitlab: dict[str, Any]) -> None:
    jobs = gitlab_jobs(gitlab)
    running = gitlab_runs(gitlab, "merge_request")
    assert running, "nothing runs in a merge-request pipeline"
    commands = [a for name in running for a in masterplan_invocations(gitlab_commands(jobs[name]))]
    assert has(commands, "check", "--strict")
    assert has(commands, "build", "--strict")
    for name in running:
        assert "pip install -e ." in gitlab_commands(jobs[name])


def test_gitlab_merge_requests_never_deploy(gitlab: dict[str, Any]) -> None:
    jobs = gitlab_jobs(gitlab)
    for pipeline in ("merge_request", "push_other", "push_with_open_mr"):
        for name in gitlab_runs(gitlab, pipeline):
            assert not _deploys(name, jobs[name]), f"{name} would publish in a {pipeline} pipeline"


def test_gitlab_pages_job_runs_only_on_the_default_branch(gitlab: dict[str, Any]) -> None:
    jobs = gitlab_jobs(gitlab)
    pages = jobs["pages"]
    assert any("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in str(r.get("if", "")) for r in pages["rules"])
    assert "pages" in gitlab_runs(gitlab, "push_default")
    for pipeline in ("merge_request", "push_other", "push_with_open_mr"):
        assert "pages" not in gitlab_runs(gitlab, pipeline)
    commands = list(masterplan_invocations(gitlab_commands(pages)))
    build = next(a for a in commands if a[0] == "build")
    assert "--strict" in build
    assert build[build.index("--site-dir") + 1] == "public"
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["image"] == "python:3.11-slim"


def test_gitlab_masterplan_commands_exist(gitlab: dict[str, Any]) -> None:
    found = [a for job in gitlab_jobs(gitlab).values() for a in masterplan_invocations(gitlab_commands(job))]
    assert found
    for args in found:
        assert_valid_cli(args)


# ---------------------------------------------------------------- the interpreter itself


@pytest.mark.parametrize(("expression", "variables", "expected"), [
    ("$A == $B", {"A": "main", "B": "main"}, True),
    ("$A == $B", {"A": "main"}, False),
    ('$A == "x" && $B', {"A": "x", "B": "1"}, True),
    ('$A == "x" && $B', {"A": "x"}, False),
    ("github.event_name == 'push' || github.ref == 'refs/heads/main'", {"github.ref": "refs/heads/main"}, True),
    ("${{ !(github.event_name == 'push') }}", {"github.event_name": "push"}, False),
    (True, {}, True),
])
def test_condition_interpreter(expression: object, variables: dict[str, str], expected: bool) -> None:
    assert condition(expression, variables) is expected


# ---------------------------------------------------------------- the change report and the preview site


def _pr_steps(github: Mapping[Any, Any]) -> list[dict[str, Any]]:
    return [step for job_id in sorted(github_runs(github, "pull_request"))
            for step in github["jobs"][job_id].get("steps", [])]


def test_github_pull_request_writes_the_change_report_into_the_job_summary(github: dict[Any, Any]) -> None:
    steps = _pr_steps(github)
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "diff needs the base branch's history"
    report = next(s for s in steps if "masterplan diff" in s.get("run", ""))
    args = next(masterplan_invocations([report["run"]]))
    assert args == ["diff", "--base", "origin/$GITHUB_BASE_REF", "--format", "markdown"]
    assert report["run"].rstrip().endswith('>> "$GITHUB_STEP_SUMMARY"')
    # links go to the Pages address when there is one; a repository without Pages still gets its report
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    assert pages["continue-on-error"] is True
    assert report["env"]["MASTERPLAN_SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}"


def test_github_pull_request_uploads_the_built_site(github: dict[Any, Any]) -> None:
    steps = _pr_steps(github)
    names = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in steps]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    build = next(i for i, s in enumerate(steps) if "masterplan build" in s.get("run", ""))
    assert names.index("actions/upload-artifact") > build, "upload the site after it is built"
    assert upload["with"]["path"] == "site"
    assert upload["with"]["name"] == "situs-pratinjau"


def test_gitlab_merge_request_reports_changes_and_keeps_the_site(gitlab: dict[str, Any]) -> None:
    jobs = gitlab_jobs(gitlab)
    [name] = [n for n in gitlab_runs(gitlab, "merge_request")
              if any("masterplan diff" in line for line in gitlab_commands(jobs[n]))]
    job = jobs[name]
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert job["variables"]["MASTERPLAN_SITE_URL"] == "$CI_PAGES_URL"
    commands = list(masterplan_invocations(gitlab_commands(job)))
    diffs = [a for a in commands if a[0] == "diff"]
    assert ["diff", "--base", "$CI_MERGE_REQUEST_DIFF_BASE_SHA"] in diffs, "text report in the job log"
    markdown = next(line for line in gitlab_commands(job) if "--format markdown" in line)
    assert markdown.endswith("> laporan-perubahan.md")
    assert set(job["artifacts"]["paths"]) == {"laporan-perubahan.md", "site/"}
    assert any(line.startswith("apt-get") and " git" in line for line in gitlab_commands(job)), \
        "python:3.11-slim has no git"
    subs = [a[0] for a in commands]
    assert subs.index("check") < subs.index("diff") < subs.index("build")


# ---------------------------------------------------------------- workflow validators


TOOLS = Path(os.environ.get("MASTERPLAN_TOOLS_DIR", REPO / "tests" / "browser" / ".tools"))
ACTION_VALIDATOR = TOOLS / "node_modules" / ".bin" / "action-validator"


def _action_validator(path: Path) -> subprocess.CompletedProcess[str]:
    assert ACTION_VALIDATOR.is_file(), (f"{ACTION_VALIDATOR} is missing: run tests/browser/install_tools.sh "
                                        "(npm @action-validator/cli, pinned); this test never skips")
    return subprocess.run([str(ACTION_VALIDATOR), str(path)], capture_output=True, text=True, check=False)


def _gitlab_schema(path: Path) -> subprocess.CompletedProcess[str]:
    # check-jsonschema ships GitLab's CI schema: no network needed.
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci",
                           str(path)], capture_output=True, text=True, check=False)


def test_github_workflow_passes_action_validator() -> None:
    result = _action_validator(GITHUB_WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_ci_passes_gitlab_schema() -> None:
    result = _gitlab_schema(GITLAB_CI)
    assert result.returncode == 0, result.stdout + result.stderr


def test_validators_refuse_broken_files(tmp_path: Path) -> None:
    broken = tmp_path / "publish.yml"
    broken.write_text(GITHUB_WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"), encoding="utf-8")
    assert _action_validator(broken).returncode != 0
    gitlab = tmp_path / "gitlab-ci.yml"
    gitlab.write_text(GITLAB_CI.read_text(encoding="utf-8").replace("expire_in: 14 days", "expire_in: [14]"),
                      encoding="utf-8")
    assert _gitlab_schema(gitlab).returncode != 0
