#!/usr/bin/env bash
# The usual way of building a Moodle code base, as shell tools do it, for the benchmark to
# compare with: clone (or fetch) each repository, check out its pin (submodules too), rsync
# Moodle and then each plugin into the release repository's work tree, `git add -A`, commit
# and tag when something changed.
#
#   bench/usual-way.sh WORK WORLD MOODLE_TAG PLUGINS RELEASE_TAG
#
# PLUGINS lists "component repository install-path pin" per line; repositories are under
# WORLD/github.com/. Clones are kept in WORK/repos, the code base is WORK/site.
set -euo pipefail
work="$1" world="$2" moodle_tag="$3" plugins="$4" release="$5"
repos="$work/repos"
tree="$work/site"
mkdir -p "$repos" "$tree"

checkout() { # folder url ref
  local dir="$repos/$1"
  if [ -d "$dir/.git" ]; then
    git -C "$dir" fetch -q --tags origin
  else
    git clone -q "$2" "$dir"
  fi
  git -C "$dir" -c advice.detachedHead=false checkout -q --detach "$3"
  if [ -f "$dir/.gitmodules" ]; then
    git -C "$dir" -c protocol.file.allow=always -c url."file://$world/github.com/".insteadOf=https://github.com/ \
      submodule -q update --init --recursive
  fi
}

checkout moodle "file://$world/github.com/moodle/moodle.git" "$moodle_tag"
keep=()
while read -r component repo path pin; do
  checkout "$component" "file://$world/github.com/$repo.git" "$pin"
  keep+=(--exclude "/$path/")
done < "$plugins"

[ -d "$tree/.git" ] || git -C "$tree" init -q
# Moodle first, leaving the plugins' folders alone; then each plugin into its folder.
rsync -a --delete --exclude /.git "${keep[@]}" "$repos/moodle/" "$tree/"
while read -r component repo path pin; do
  mkdir -p "$tree/$path"
  rsync -a --delete --exclude .git "$repos/$component/" "$tree/$path/"
done < "$plugins"

git -C "$tree" add -A
if ! git -C "$tree" diff --cached --quiet; then
  git -C "$tree" -c user.name=bench -c user.email=bench@example.org commit -q -m "Release $release"
  git -C "$tree" tag "$release"
fi
