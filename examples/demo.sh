#!/usr/bin/env bash
# `make demo`: agentplane on this repository's own desired state.
#
# Works on a scratch clone under .build/ so the promotion branches it commits stay out of your
# clone. The directory executor's node (dev-1) is reconciled for real; with podman installed,
# the podman node (dev-podman) is observed through real podman and its plan shown.
set -euo pipefail
bin=${1:?usage: demo.sh path/to/agentplane}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/.build/demo
rm -rf "$work"
mkdir -p "$work"
git clone -q "$root" "$work/repo"
state=$work/state
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "agentplane validate $root (this repository's desired state)"
"$bin" validate "$root"

step "agentplane validate examples/broken (a deliberately broken repository: every error with its line and column)"
"$bin" validate "$root/examples/broken" || echo "(exit $? — invalid, as intended)"

step "agentplane reconcile --dry-run --node dev-1 (what would change; nothing is touched)"
"$bin" reconcile --dry-run --repo "$work/repo" --state-dir "$state" --node dev-1 || echo "(exit $? — changes pending)"

step "agentplane reconcile --node dev-1 (apply, smoke checks, evidence on a promotion branch)"
"$bin" reconcile --repo "$work/repo" --state-dir "$state" --node dev-1 --author "agentplane demo <demo@localhost>"

step "files on node dev-1 ($state/nodes/dev-1)"
ls -l "$state/nodes/dev-1"

step "agentplane status"
"$bin" status --state-dir "$state"

step "agentplane reconcile --node dev-1, again (in sync: nothing to do, nothing written)"
"$bin" reconcile --repo "$work/repo" --state-dir "$state" --node dev-1

step "agentplane promote list, and the evidence of the run"
"$bin" promote list --repo "$work/repo"
branch=$(git -C "$work/repo" branch --list 'agentplane/promote/*' --format='%(refname:short)' | head -1)
"$bin" evidence verify --rev "$branch" "$work/repo"

step "agentplane promote approve $branch (verify, merge, delete the branch)"
"$bin" promote approve "$branch" --repo "$work/repo" --author "Demo Reviewer <reviewer@localhost>"
git -C "$work/repo" log --oneline --graph -3

if command -v podman >/dev/null 2>&1; then
  step "podman is installed: the podman node dev-podman, observed through real podman"
  "$bin" reconcile --dry-run --repo "$work/repo" --state-dir "$state" --node dev-podman | tail -n 20 || echo "(exit $? — changes pending: its images come from registries this machine cannot reach)"
else
  step "podman is not installed: skipping the podman node (install podman and runc to see it)"
fi
printf '\n\033[1mdone.\033[0m State: %s; scratch repository: %s\n' "$state" "$work/repo"
