"""Replays the CI definitions on a real git repository made in a test: a bare ``origin`` holds the
project; each job gets a fresh clone as deep as its checkout asks, runs the workflow's own shell
commands with the CI environment (``CI=true`` and the job's variables), and passes artifacts on.

Only what a job runs is taken from the workflow files; the few actions they use (checkout, the
Pages artifact upload/download and deploy) are played by small stand-ins. A step the replay does
not know fails the test, so the workflows cannot grow a step that escapes it. ``masterplan`` is a
shim for ``python -m generator`` from this worktree; ``pip install -e .`` and ``apt-get`` lines are
the only commands skipped (this machine has both installed already).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from site_helpers import copy_project
from test_workflows import GITHUB_WORKFLOW, GITLAB_CI, github_runs, gitlab_jobs, gitlab_runs

ROOT = Path(__file__).resolve().parent.parent
EDITOR = {"GIT_AUTHOR_NAME": "Editor Diskominfo", "GIT_AUTHOR_EMAIL": "editor@contoh.go.id",
          "GIT_COMMITTER_NAME": "Editor Diskominfo", "GIT_COMMITTER_EMAIL": "editor@contoh.go.id"}
SKIPPED = ("pip install -e .", "apt-get ")
PR_NUMBER = "7"


@dataclass(frozen=True)
class Run:
    """What a pipeline did."""

    ok: bool
    """Every job that ran succeeded."""
    jobs: tuple[str, ...]
    """Jobs run, in order (a job whose predecessor failed is not run)."""
    output: str
    """Everything the jobs printed."""


class Forge:
    """An ``origin`` repository with a ``main`` branch holding a copy of this project."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.origin = tmp / "origin.git"
        self.live = tmp / "live"  # what the Pages host serves
        self.home = tmp / "home"
        self.home.mkdir()
        self.bin = tmp / "bin"
        self.bin.mkdir()
        shim = self.bin / "masterplan"
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
        self._count = 0
        self.git(tmp, "init", "-q", "--bare", "-b", "main", str(self.origin))
        seed = tmp / "seed"
        copy_project(ROOT, seed)
        shutil.copytree(ROOT / "regions", seed / "regions")
        shutil.copy(ROOT / ".gitignore", seed / ".gitignore")
        self.git(seed, "init", "-q", "-b", "main")
        self.commit(seed, "Proyek awal")
        self.git(seed, "push", "-q", str(self.origin), "main")

    # ------------------------------------------------------------ plumbing

    def env(self, extra: Mapping[str, str] = {}) -> dict[str, str]:
        """A clean environment: no user git config, this worktree's ``generator`` on the path."""
        keep = {k: v for k, v in os.environ.items() if k in ("LANG", "LC_ALL", "TMPDIR", "MASTERPLAN_TOOLS_DIR")}
        return {**keep, "HOME": str(self.home), "GIT_CONFIG_NOSYSTEM": "1", "PYTHONPATH": str(ROOT),
                "PATH": f"{self.bin}:{os.environ['PATH']}", **extra}

    def git(self, cwd: Path, *args: str, env: Mapping[str, str] = EDITOR) -> str:
        proc = subprocess.run(["git", *args], cwd=cwd, env=self.env(env), capture_output=True, text=True, check=False)
        assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
        return proc.stdout

    def commit(self, work: Path, message: str) -> None:
        self.git(work, "add", "-A")
        self.git(work, "commit", "-q", "-m", message)

    def _folder(self, name: str) -> Path:
        self._count += 1
        return self.tmp / f"{self._count:02d}-{name}"

    def sha(self, ref: str) -> str:
        return self.git(self.origin, "rev-parse", ref).strip()

    def read(self, ref: str, path: str) -> str:
        return self.git(self.origin, "show", f"{ref}:{path}")

    # ------------------------------------------------------------ what people do

    def clone(self, name: str, branch: str = "main") -> Path:
        """A full clone on ``branch`` (new from main when it does not exist yet)."""
        work = self._folder(name)
        self.git(self.tmp, "clone", "-q", str(self.origin), str(work))
        if branch != "main":
            self.git(work, "checkout", "-q", "-B", branch)
        return work

    def push(self, work: Path, message: str) -> None:
        """Commit everything and push the current branch (what the web editor's "Commit changes" does)."""
        self.commit(work, message)
        self.git(work, "push", "-q", "origin", "HEAD")

    def merge(self, branch: str) -> None:
        """Merge a pull request into main with a merge commit, as GitHub's button does."""
        work = self.clone(f"merge-{branch}")
        self.git(work, "merge", "-q", "--no-ff", "-m", f"Merge pull request #{PR_NUMBER} from {branch}",
                 f"origin/{branch}")
        self.git(work, "push", "-q", "origin", "main")

    def _checkout(self, name: str, ref: str, depth: int, refspecs: tuple[str, ...]) -> Path:
        """A runner's clone: ``refspecs`` fetched (``depth`` 0: whole history), ``ref`` checked out."""
        work = self._folder(name)
        work.mkdir()
        self.git(work, "init", "-q")
        self.git(work, "remote", "add", "origin", str(self.origin))
        deep = [f"--depth={depth}"] if depth else []
        self.git(work, "fetch", "-q", *deep, "origin", *refspecs)
        self.git(work, "checkout", "-q", ref)
        return work

    def _pull_request_merge_ref(self, branch: str) -> str:
        """refs/pull/N/merge: the pull request merged into the current main, made by the forge."""
        work = self.clone(f"pr-merge-{branch}")
        self.git(work, "checkout", "-q", "--detach", "origin/main")
        self.git(work, "merge", "-q", "--no-ff", "-m", f"Merge {branch} into main", f"origin/{branch}")
        self.git(work, "push", "-q", "-f", "origin", f"HEAD:refs/pull/{PR_NUMBER}/merge")
        return self.sha(f"refs/pull/{PR_NUMBER}/merge")

    # ------------------------------------------------------------ GitHub Actions

    def github(self, event: str, branch: str = "main") -> Run:
        """Run ``publish.yml`` for a pull request from ``branch`` or a push to main."""
        workflow = yaml.safe_load(GITHUB_WORKFLOW.read_text(encoding="utf-8"))
        if event == "pull_request":
            sha, ref = self._pull_request_merge_ref(branch), f"refs/pull/{PR_NUMBER}/merge"
            variables = "pull_request"
        else:
            sha, ref, variables = self.sha("main"), "refs/heads/main", "push_main"
        running = github_runs(workflow, variables)
        artifacts = self.tmp / f"artifacts-{self._count}"
        done: list[str] = []
        output = ""
        pending = [j for j in workflow["jobs"] if j in running]
        while pending:
            job_id = next(j for j in pending if all(n in done for n in _needs(workflow["jobs"][j])))
            pending.remove(job_id)
            ok, text = self._github_job(workflow["jobs"][job_id], job_id, event, ref, sha, artifacts)
            done.append(job_id)
            output += text
            if not ok:
                return Run(False, tuple(done), output)
        return Run(True, tuple(done), output)

    def _github_job(self, job: Mapping[str, Any], job_id: str, event: str, ref: str, sha: str,
                    artifacts: Path) -> tuple[bool, str]:
        temp = self._folder(f"runner-temp-{job_id}")
        temp.mkdir()
        context = {"github.token": "token-uji", "runner.temp": str(temp),
                   "steps.pages.outputs.base_url": "https://contoh.github.io/masterplan/"}
        env = {"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event, "GITHUB_REF": ref,
               "GITHUB_SHA": sha, "GITHUB_REPOSITORY": "contoh/masterplan", "RUNNER_TEMP": str(temp),
               "GITHUB_STEP_SUMMARY": str(temp / "step-summary.md")}
        if event == "pull_request":
            env["GITHUB_BASE_REF"] = "main"
        work: Path | None = None
        output = ""
        for step in job["steps"]:
            action = step.get("uses", "").split("@")[0]
            given = {k: _expand(str(v), context) for k, v in step.get("with", {}).items()}
            if action == "actions/checkout":
                wanted = given.get("ref") or sha
                refspecs = ("+refs/heads/*:refs/remotes/origin/*",) if given.get("fetch-depth") == "0" else ()
                if wanted == sha and event == "pull_request":
                    refspecs = (*refspecs, f"+{ref}:{ref}")
                elif not refspecs:
                    refspecs = ("+refs/heads/main:refs/remotes/origin/main",)
                checkout = wanted if wanted == sha else f"origin/{wanted}"
                work = self._checkout(f"gh-{job_id}", checkout, int(given.get("fetch-depth", "1")), refspecs)
                if wanted != sha:
                    self.git(work, "checkout", "-q", "-B", wanted, f"origin/{wanted}", env={})
            elif action in ("actions/setup-python", "actions/configure-pages"):
                continue
            elif action == "actions/upload-pages-artifact":
                assert work is not None
                (artifacts / "github-pages").mkdir(parents=True)
                with tarfile.open(artifacts / "github-pages" / "artifact.tar", "w") as tar:
                    tar.add(work / given["path"], arcname=".")
            elif action == "actions/upload-artifact":
                assert work is not None
                shutil.copytree(work / given["path"], artifacts / given["name"])
            elif action == "actions/download-artifact":
                shutil.copytree(artifacts / given["name"], given["path"], dirs_exist_ok=True)
            elif action == "actions/deploy-pages":
                shutil.rmtree(self.live, ignore_errors=True)
                self.live.mkdir()
                with tarfile.open(artifacts / "github-pages" / "artifact.tar") as tar:
                    tar.extractall(self.live, filter="data")
            elif "run" in step and not action:
                script = _expand(step["run"], context)
                if script.strip().startswith(SKIPPED):
                    continue
                assert work is not None, f"{job_id}: a command before the checkout"
                step_env = {k: _expand(str(v), context) for k, v in step.get("env", {}).items()}
                proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=work,
                                      env=self.env({**env, **step_env}), capture_output=True, text=True, check=False)
                output += proc.stdout + proc.stderr
                if proc.returncode != 0:
                    return False, output
            else:
                raise AssertionError(f"{job_id}: the replay does not know the step {step}")
        return True, output

    # ------------------------------------------------------------ GitLab CI

    def gitlab(self, pipeline: str, branch: str = "main") -> Run:
        """Run ``.gitlab-ci.yml`` for a merge request from ``branch`` or a push to the default branch."""
        ci = yaml.safe_load(GITLAB_CI.read_text(encoding="utf-8"))
        jobs = gitlab_jobs(ci)
        variables = "merge_request" if pipeline == "merge_request" else "push_default"
        running = gitlab_runs(ci, variables)
        order = [name for stage in ci["stages"] for name, job in jobs.items()
                 if name in running and job.get("stage", "test") == stage]
        sha = self.sha(branch)
        env = {"CI": "true", "GITLAB_CI": "true", "CI_DEFAULT_BRANCH": "main", "CI_COMMIT_SHA": sha,
               "CI_COMMIT_SHORT_SHA": sha[:8], "CI_PAGES_URL": "https://contoh.gitlab.io/masterplan"}
        if pipeline == "merge_request":
            base = self.git(self.origin, "merge-base", "main", branch).strip()
            env |= {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": PR_NUMBER,
                    "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
                    "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": branch, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}
        else:
            env |= {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main"}
        artifacts = self._folder("gitlab-artifacts")
        artifacts.mkdir()
        done: list[str] = []
        output = ""
        for name in order:
            job = jobs[name]
            job_env = dict(env)
            for key, value in {**ci.get("variables", {}), **job.get("variables", {})}.items():
                job_env[key] = _expand_gitlab(str(value), job_env)
            depth = int(job_env.get("GIT_DEPTH", "20"))  # GitLab's default for new projects
            source = branch if pipeline == "merge_request" else "main"
            work = self._checkout(f"gl-{name}", sha, depth, (f"+refs/heads/{source}:refs/remotes/origin/{source}",))
            shutil.copytree(artifacts, work, dirs_exist_ok=True)
            lines = [line for key in ("before_script", "script") for line in job.get(key, [])
                     if not line.strip().startswith(SKIPPED)]
            proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", "\n".join(lines)],
                                  cwd=work, env=self.env(job_env), capture_output=True, text=True, check=False)
            done.append(name)
            output += proc.stdout + proc.stderr
            if proc.returncode != 0:
                return Run(False, tuple(done), output)
            for path in job.get("artifacts", {}).get("paths", []):
                if (work / path).is_dir():
                    shutil.copytree(work / path, artifacts / path, dirs_exist_ok=True)
                else:
                    shutil.copy(work / path, artifacts / path)
            if name == "pages":
                shutil.rmtree(self.live, ignore_errors=True)
                shutil.copytree(work / "public", self.live)
        return Run(True, tuple(done), output)


def _needs(job: Mapping[str, Any]) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def _expand_gitlab(text: str, variables: Mapping[str, str]) -> str:
    """GitLab's ``$NAME`` in a variable's value (an unset one is empty)."""
    return re.sub(r"\$(\w+)", lambda m: variables.get(m.group(1), ""), text)


def _expand(text: str, context: Mapping[str, str]) -> str:
    """Replace ``${{ name }}`` with the replay's value; an expression it does not know fails."""
    def value(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        assert name in context, f"the replay has no value for ${{{{ {name} }}}}"
        return context[name]
    return re.sub(r"\$\{\{(.*?)\}\}", value, text)
