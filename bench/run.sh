#!/usr/bin/env bash
# The benchmark: builds of a Moodle-sized site with moodle-cbm against the usual way (see
# usual-way.sh) and the physical limits, and builds of a fleet of such sites, on the same
# generated fixture, in one run.
#
#   bench/run.sh [--files N] [--plugins N] [--runs N] [--heap SIZE] [--only site|fleet] [--smoke]
#
#   --files    files of the fake Moodle (default 30000, ~100 MB, a few hundred commits)
#   --plugins  plugins of the site (default 50; 100 for the large variant, with --heap 512m)
#   --runs     runs of each scenario; the table gives median, min and max (default 5)
#   --heap     -Xmx of the builds (default: Maven's)
#   --only     site: the site's scenarios alone (1-11 and 14, the usual way, the limits);
#              fleet: the fleet's alone (12-13); default: both. Maven's start-up is always timed.
#   --smoke    the smallest size, one run: a check that the benchmark works (CI runs it)
#
# The fleet (scenarios 12 and 13): a parent pom whose catalog holds the first 40 plugins of the
# fixture (tag v1.1.0), and 20 sites of 20 plugins each, taken by component alone from a window
# that slides by two plugins from one site to the next, so that each plugin is used by ten sites
# (with fewer than 40 plugins: all of them, half of them a site; with --smoke: 3 sites of 2
# plugins out of 4). It is built at its root with `mvn -T 2 package -Dmoodle.workTree=false`:
# cold (an empty mirror cache, no locks, no release repositories; its log tells how many times
# each repository was cloned or fetched), then warm as a CI runner builds (each site's target
# deleted; the cold build has filled the cache and written the locks), then one of its sites
# alone, warm, the same way (`-pl sites/site01 -am`). Each site releases into its own
# repository under target/bench/<files>-<plugins>/fleet-data (the builds' XDG_DATA_HOME).
#
# Scenario 14: `mvn site` in the site once its scenarios have built and released it (the lock, the
# code base's tree in target/moodle-cbm and the release repository are there): the site report,
# target/site/moodle-report.html, which the site's pom wires in its <reporting> as a site made by the
# archetype has it. Only `mvn site` reads that section: the other scenarios build as before. The
# first run does it once untimed first, so that maven-site-plugin is in ~/.m2 before it is timed.
# Scenario 15: moodle:image of the cold build's release (an OCI tar on a base image holding a busybox,
# with no layer cache), then of the release after one plugin moved.
#
# Every timing ends with `sync`. Results: target/bench/<files>-<plugins>/report.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
files=30000 plugins=50 runs=5 heap="" smoke="" only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --plugins) plugins="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --only)
      case "${2:-}" in site|fleet) only="$2" ;; *) echo "--only takes site or fleet" >&2; exit 2 ;; esac
      shift 2 ;;
    --smoke) files=400; plugins=4; runs=1; smoke=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if ! command -v rsync > /dev/null; then
  echo "Installing rsync (the usual way needs it) ..."
  apt-get install -y -q rsync > /dev/null 2>&1 || { apt-get update -q > /dev/null && apt-get install -y -q rsync > /dev/null; } \
    || { echo "rsync is needed: install it (Debian: apt-get install rsync)" >&2; exit 2; }
fi
command -v git > /dev/null || { echo "git is needed"; exit 2; }

work="$root/target/bench/$files-$plugins"
world="$work/world"
logs="$work/logs"
mkdir -p "$work" "$logs"
mvnw="$root/mvnw"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"

echo "Installing the plugin ..."
"$mvnw" -B -ntp -q -f "$root/pom.xml" install -DskipTests -pl moodle-maven-plugin,moodle-site-archetype -am
# The fixture is made again when its generator changed (a world of an older fixture would measure the old one).
fixture_sum="$(cat "$root"/moodle-maven-plugin/src/test/java/io/github/moodlecbm/fixture/{BenchWorld,FakeMoodle,FakePlugin}.java \
  "$root"/moodle-maven-plugin/src/test/resources/io/github/moodlecbm/fixture/installer/* | sha256sum | cut -c1-16)"
if [ ! -f "$world/plugins.txt" ] || [ "$(cat "$world/fixture.sum" 2> /dev/null)" != "$fixture_sum" ]; then
  echo "Generating the fixture: Moodle with $files files, $plugins plugins ..."
  "$mvnw" -B -ntp -q -f "$root/moodle-maven-plugin/pom.xml" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
  rm -rf "$world"
  java -cp "$root/moodle-maven-plugin/target/test-classes:$root/moodle-maven-plugin/target/classes:$(cat "$work/classpath.txt")" \
    io.github.moodlecbm.fixture.BenchWorld "$world" "$files" "$plugins" > "$work/rewrite.txt"
  echo "$fixture_sum" > "$world/fixture.sum"
fi
rewrite="$(cat "$work/rewrite.txt")"
moved=$(( (plugins + 1) / 2 ))   # the plugin whose pin moves in scenario 5
moved_component="$(sed -n "${moved}p" "$world/plugins.txt" | cut -d' ' -f1)"

# ---------------------------------------------------------------- the site
site="$work/site"
# Maven's Java as a site made by the archetype has it (the empty project of Maven's start-up too)
jvm_config="$root/moodle-site-archetype/src/main/resources/archetype-resources/.mvn/jvm.config"
write_pom() { # moodle-version moved-plugin-tag
  mkdir -p "$site/.mvn"
  cp "$jvm_config" "$site/.mvn/jvm.config"
  {
    cat <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example.bench</groupId>
  <artifactId>bench-site</artifactId>
  <version>1.0-SNAPSHOT</version>
  <packaging>moodle-codebase</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.moodlecbm</groupId>
        <artifactId>moodle-maven-plugin</artifactId>
        <version>$version</version>
        <extensions>true</extensions>
        <configuration>
          <moodle><version>$1</version></moodle>
          <plugins>
XML
    local n=0
    while read -r component repo path count; do
      n=$((n + 1))
      local tag=v1.1.0
      [ "$n" = "$moved" ] && tag="$2"
      echo "            <plugin><component>$component</component><source>https://github.com/$repo.git</source><tag>$tag</tag></plugin>"
    done < "$world/plugins.txt"
    cat <<XML
          </plugins>
        </configuration>
      </plugin>
    </plugins>
    <pluginManagement>
      <plugins>
        <plugin>
          <artifactId>maven-site-plugin</artifactId>
          <version>3.21.0</version>
        </plugin>
      </plugins>
    </pluginManagement>
  </build>
  <reporting>
    <plugins>
      <plugin>
        <groupId>io.github.moodlecbm</groupId>
        <artifactId>moodle-maven-plugin</artifactId>
        <version>$version</version>
        <reportSets><reportSet><reports><report>report</report></reports></reportSet></reportSets>
      </plugin>
    </plugins>
  </reporting>
</project>
XML
  } > "$site/pom.xml"
}

# The advisories are read from a local copy of OSV's records (empty here): the bench never reaches the network.
mkdir -p "$work/osv"
opts=(-B -ntp "-Dmoodle.rewrites=$rewrite" "-Dmoodle.cacheDir=$work/cache" "-Dmoodle.releaseRepository=$work/releases.git"
  "-Dmoodle.advisories=$work/osv")
export MAVEN_OPTS="${heap:+-Xmx$heap }-Xlog:gc:file=$logs/gc-%p.log"

now() { date +%s%N; }
ms_since() { echo $(( ($(now) - $1) / 1000000 )); }

# Runs mvn in the site; prints its time in ms (sync included); the log goes to $logs/<label>.log.
build() { # label args...
  local label="$1"; shift
  local start; start=$(now)
  if ! (cd "$site" && "$mvnw" "${opts[@]}" "$@" > "$logs/$label.log" 2>&1); then
    echo "mvn $* failed, see $logs/$label.log" >&2; tail -30 "$logs/$label.log" >&2; exit 1
  fi
  sync
  ms_since "$start"
}
# The code base tree the site's lock records.
locked_tree() { grep -o '"tree": "[0-9a-f]*"' "$site/moodle.lock" | head -1 | cut -d'"' -f4; }
quiet() { (cd "$site" && "$mvnw" "${opts[@]}" "$@" > "$logs/setup.log" 2>&1) || { tail -30 "$logs/setup.log" >&2; exit 1; }; }
# The time a build's release took, as it says it (ms).
release_time() { sed -n 's/.*Release .* (commit [0-9a-f]*) in .*, made in \([0-9.]*\) s$/\1/p' "$logs/$1.log" | tail -1 \
  | awk '{printf "%d", $1 * 1000}'; }
written_in() { sed -n 's/.* \([0-9]*\) files written, .* in \([0-9.]*\) s$/\1 \2/p' "$logs/$1.log" | tail -1; }

# ext4 without a journal (as on the machine of the README's figures) skips, for every inode it allocates,
# each inode deleted in the last minute (six, once its inode block is written again) whose block is
# still cached (the kernel's recently_deleted): a tree written within minutes of deleting another
# costs the kernel time quadratic in their files, tar and the build alike (22-54 s of system time for
# a tar -x of the code base that takes 2-3 s otherwise). So nothing is deleted while the benchmark
# times: what a scenario would delete (mvn clean's target, an environment, the usual way's folder) is
# moved to a trash folder, emptied once the report is written.
trash="$work/trash"
discard() { # paths...
  mkdir -p "$trash"
  local p; for p in "$@"; do if [ -e "$p" ]; then mv "$p" "$trash/$(now)-$(basename "$p")"; fi; done
}
if [ -e "$trash" ]; then   # an interrupted run's
  rm -rf "$trash"; sync; [ -n "$smoke" ] || sleep 61
fi

declare -A T   # scenario -> "ms ms ms ..."; every figure also goes to timings.txt as it comes
timings="$work/timings.txt"
add() {
  [[ "$2" =~ ^[0-9]+$ ]] || { echo "not a time for $1: '$2'" >&2; exit 1; }
  T[$1]="${T[$1]:-} $2"; echo "$1 $2" >> "$timings"
}
: > "$timings"

# ---------------------------------------------------------------- the fleet
# A parent pom with the catalog (the first fleet_repos plugins, tag v1.1.0) and fleet_sites sites
# of fleet_take plugins each, by component alone: site s takes the plugins from number
# s * fleet_step + 1 on, wrapping round, so that every plugin of the catalog is used by a few sites.
fleet="$work/fleet"
if [ -n "$smoke" ]; then fleet_sites=3; else fleet_sites=20; fi
fleet_repos=$(( plugins < 40 ? plugins : 40 ))
fleet_take=$(( fleet_repos / 2 > 0 ? fleet_repos / 2 : 1 ))
fleet_step=$(( fleet_sites > 1 ? (fleet_repos - fleet_take + fleet_sites - 2) / (fleet_sites - 1) : 0 ))
fleet_name() { printf 'site%02d' "$1"; }
write_fleet() {
  mkdir -p "$fleet/.mvn" "$fleet/sites"
  # at the fleet's root, as in a fleet made by the fleet archetype
  cp "$jvm_config" "$fleet/.mvn/jvm.config"
  {
    cat <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example.bench.fleet</groupId>
  <artifactId>bench-fleet</artifactId>
  <version>1.0-SNAPSHOT</version>
  <packaging>pom</packaging>
  <modules>
    <module>sites</module>
  </modules>
  <build>
    <pluginManagement>
      <plugins>
        <plugin>
          <groupId>io.github.moodlecbm</groupId>
          <artifactId>moodle-maven-plugin</artifactId>
          <version>$version</version>
          <extensions>true</extensions>
          <configuration>
            <moodle><version>4.5.7</version></moodle>
            <catalog>
XML
    head -n "$fleet_repos" "$world/plugins.txt" | while read -r component repo path count; do
      echo "              <plugin><component>$component</component><source>https://github.com/$repo.git</source><tag>v1.1.0</tag></plugin>"
    done
    cat <<XML
            </catalog>
          </configuration>
        </plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>
XML
  } > "$fleet/pom.xml"
  {
    cat <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.example.bench.fleet</groupId>
    <artifactId>bench-fleet</artifactId>
    <version>1.0-SNAPSHOT</version>
  </parent>
  <artifactId>bench-fleet-sites</artifactId>
  <packaging>pom</packaging>
  <modules>
XML
    for s in $(seq 1 "$fleet_sites"); do echo "    <module>$(fleet_name "$s")</module>"; done
    cat <<XML
  </modules>
</project>
XML
  } > "$fleet/sites/pom.xml"
  local s k
  for s in $(seq 1 "$fleet_sites"); do
    mkdir -p "$fleet/sites/$(fleet_name "$s")"
    {
      cat <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.example.bench.fleet</groupId>
    <artifactId>bench-fleet-sites</artifactId>
    <version>1.0-SNAPSHOT</version>
  </parent>
  <artifactId>$(fleet_name "$s")</artifactId>
  <packaging>moodle-codebase</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.moodlecbm</groupId>
        <artifactId>moodle-maven-plugin</artifactId>
        <extensions>true</extensions>
        <configuration>
          <plugins>
XML
      for k in $(seq 0 $((fleet_take - 1))); do
        sed -n "$(( ((s - 1) * fleet_step + k) % fleet_repos + 1 ))p" "$world/plugins.txt" \
          | while read -r component rest; do echo "            <plugin><component>$component</component></plugin>"; done
      done
      cat <<XML
          </plugins>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
XML
    } > "$fleet/sites/$(fleet_name "$s")/pom.xml"
  done
}

# No -Dmoodle.releaseRepository: each site releases into its own repository, by default under
# $XDG_DATA_HOME/moodle-cbm/releases/ (here the bench's fleet-data folder). The fleet's builds log
# their GC apart, so that the peak heap of the site's builds stays theirs.
fleet_opts=(-B -ntp -T 2 "-Dmoodle.rewrites=$rewrite" "-Dmoodle.cacheDir=$work/fleet-cache" -Dmoodle.workTree=false
  "-Dmoodle.advisories=$work/osv")
# Runs mvn package at the fleet's root; prints its time in ms (sync included); the log goes to $logs/<label>.log.
fleet_build() { # label args...
  local label="$1"; shift
  local start; start=$(now)
  if ! (cd "$fleet" && XDG_DATA_HOME="$work/fleet-data" MAVEN_OPTS="${heap:+-Xmx$heap }-Xlog:gc:file=$logs/fleet-gc-%p.log" \
      "$mvnw" "${fleet_opts[@]}" "$@" package > "$logs/$label.log" 2>&1); then
    echo "mvn $* package failed in the fleet, see $logs/$label.log" >&2; tail -30 "$logs/$label.log" >&2; exit 1
  fi
  sync
  ms_since "$start"
}
# How many times each repository was cloned or fetched in a build: "count url" per line.
fetch_counts() { sed -n 's/.*\] \(cloning\|fetching\) \([^ ]*\)$/\2/p' "$logs/$1.log" | sort | uniq -c; }
fleet_refetched=""   # the repositories a cold fleet build fetched more than once (or not at all), with the run
fleet_fetched=""     # how many repositories the cold builds fetched (each run's)
fleet_warm_fetches=0 # fetches in the warm builds, which should have none

fleet_run() {
  write_fleet
  local s first; first="$(fleet_name 1)"
  # cold: an empty mirror cache, no locks, no release repositories
  discard "$work/fleet-cache" "$work/fleet-data"
  for s in $(seq 1 "$fleet_sites"); do discard "$fleet/sites/$(fleet_name "$s")/target" "$fleet/sites/$(fleet_name "$s")/moodle.lock"; done
  add fleet_cold "$(fleet_build fleet-cold)"
  local as_pinned="$fleet_take plugins as the catalog pins them"; [ "$fleet_take" != 1 ] || as_pinned="1 plugin as the catalog pins it"
  local taken; taken="$(grep -c "Fleet catalog: $as_pinned, no deviation" "$logs/fleet-cold.log" || true)"
  [ "$taken" = "$fleet_sites" ] \
    || { echo "$taken of the $fleet_sites sites took the catalog as written: see $logs/fleet-cold.log" >&2; exit 1; }
  fetch_counts fleet-cold > "$work/fleet-fetches.txt"
  local expected url n
  expected="https://github.com/moodle/moodle.git $(head -n "$fleet_repos" "$world/plugins.txt" | awk '{printf "https://github.com/%s.git ", $2}')"
  for url in $expected; do
    grep -q " $url\$" "$work/fleet-fetches.txt" || fleet_refetched="$fleet_refetched, $url never (run $r)"
  done
  while read -r n url; do
    [ "$n" = 1 ] || fleet_refetched="$fleet_refetched, $url $n times (run $r)"
  done < "$work/fleet-fetches.txt"
  fleet_fetched="$fleet_fetched $(wc -l < "$work/fleet-fetches.txt")"
  # the cold build leaves the cache warm and every lock written; a CI runner then builds after mvn clean
  for s in $(seq 1 "$fleet_sites"); do discard "$fleet/sites/$(fleet_name "$s")/target"; done
  add fleet_warm "$(fleet_build fleet-warm-ci)"
  # one site of the fleet alone, the same way
  discard "$fleet/sites/$first/target"
  add fleet_one "$(fleet_build fleet-one-site -pl "sites/$first" -am)"
  fleet_warm_fetches=$(( fleet_warm_fetches + $(fetch_counts fleet-warm-ci | awk '{n += $1} END {print n + 0}') \
    + $(fetch_counts fleet-one-site | awk '{n += $1} END {print n + 0}') ))
}

# Maven's own start-up: an empty project.
mkdir -p "$work/empty/.mvn"
printf '<project><modelVersion>4.0.0</modelVersion><groupId>b</groupId><artifactId>empty</artifactId><version>1</version><packaging>pom</packaging></project>\n' > "$work/empty/pom.xml"
cp "$jvm_config" "$work/empty/.mvn/jvm.config"

for r in $(seq 1 "$runs"); do
  echo "Run $r/$runs ..."
  start=$(now); (cd "$work/empty" && "$mvnw" -B -ntp -q validate > /dev/null); sync; add startup "$(ms_since "$start")"

  if [ "$only" != fleet ]; then
    # moodle-cbm
    write_pom 4.5.7 v1.1.0
    discard "$work/cache" "$work/releases.git" "$site/target" "$site/moodle.lock" "$site/src/main/patches"
    add ours1 "$(build cold package)"
    # its last step: the first release into the empty release repository, as the release times itself
    add release1 "$(release_time cold)"
    discard "$site/target"   # mvn clean
    add ours2 "$(build warm-ci package -Dmoodle.workTree=false)"
    discard "$site/target"
    # its limit, in the same state, just before it: git archive | tar -x of the tree the warm build writes (the
    # lock's), timed like the writer times itself, to the end of writing (the sync after it is not counted)
    archive="$work/archive"; mkdir -p "$archive"
    start=$(now); git --git-dir="$work/releases.git" archive "$(locked_tree)" | tar -x -C "$archive"; archive_ms=$(ms_since "$start")
    sync
    add archive "$archive_ms"
    add ours3 "$(build warm package)"
    read -r warm_files seconds <<< "$(written_in warm)"
    add write "$(awk -v s="$seconds" 'BEGIN {printf "%d", s * 1000}')"
    add ours4 "$(build noop package)"
    # the physical limit of a check that reads no file: one lstat of every file of target/moodle
    start=$(now); find "$site/target/moodle" -printf '%T@ %s\n' > /dev/null; add lstat_all "$(ms_since "$start")"
    grep -q " 0 files written, 0 removed" "$logs/noop.log" && grep -q "Code base unchanged since" "$logs/noop.log" \
      || { echo "the no-op build wrote files or made a release: see $logs/noop.log" >&2; exit 1; }
    write_pom 4.5.7 v1.2.0
    add ours5 "$(build plugin-moved package)"
    read -r pin_files seconds <<< "$(written_in plugin-moved)"
    add release5 "$(release_time plugin-moved)"
    write_pom 4.5.6 v1.2.0; quiet package
    write_pom 4.5.7 v1.2.0
    add ours6 "$(build moodle-moved package)"
    read -r moodle_files seconds <<< "$(written_in moodle-moved)"
    tree="$(locked_tree)"

    # rollouts to an environment: a first release (every file written), the next one (one plugin
    # moved: the unchanged files hard-linked), a rollback
    mkdir -p "$site/src/main/environments/bench"
    printf '<?php // bench\n' > "$site/src/main/environments/bench/config.php"
    printf 'moodle.env.dir=%s\nmoodle.env.keep=3\n' "$work/env" > "$site/src/main/environments/bench/environment.properties"
    tag_of() { sed -n 's/.*Release \(.*\) (commit .*/\1/p' "$logs/$1.log" | tail -1; }
    discard "$work/env"
    add rollout1 "$(build rollout-first moodle:rollout -Dmoodle.env=bench "-Dmoodle.release=$(tag_of cold)")"
    add rollout2 "$(build rollout-next moodle:rollout -Dmoodle.env=bench "-Dmoodle.release=$(tag_of plugin-moved)")"
    add rollback "$(build rollback moodle:rollback -Dmoodle.env=bench)"
    grep -q "is live again" "$logs/rollback.log" || { echo "the rollback did not switch: see $logs/rollback.log" >&2; exit 1; }
    # the physical limit of a release that shares its files: cp -al of a release folder
    start=$(now); cp -al "$(readlink -f "$work/env/current")" "$work/env/link-copy"; sync; add cp_al "$(ms_since "$start")"
    rm -rf "$work/env/link-copy"

    # 11. twenty patches of the site's own (nineteen plugins' and one to Moodle) added, then removed: what
    # applying them costs is the difference, both builds writing the same twenty files
    patches="$site/src/main/patches"
    n=0
    while read -r component repo path count; do
      n=$((n + 1)); [ "$n" -le 19 ] || break
      mkdir -p "$patches/$component"
      printf 'diff --git a/lib.php b/lib.php\n--- a/lib.php\n+++ b/lib.php\n@@ -1,2 +1,3 @@\n <?php\n // %s\n+// patched by the site\n' \
        "$component" > "$patches/$component/0001-bench.patch"
    done < "$world/plugins.txt"
    mkdir -p "$patches/moodle"
    printf 'diff --git a/local_notice.txt b/local_notice.txt\nnew file mode 100644\n--- /dev/null\n+++ b/local_notice.txt\n@@ -0,0 +1 @@\n+patched by the site\n' \
      > "$patches/moodle/0001-bench.patch"
    add patched "$(build patched package)"
    [ "$(grep -c '\] applied src/main/patches/' "$logs/patched.log")" = "$((n > 19 ? 20 : n + 1))" ] \
      || { echo "the patches were not all applied: see $logs/patched.log" >&2; exit 1; }
    discard "$patches"
    add unpatched "$(build unpatched package)"

    # the usual way, same scenarios
    usual="$work/usual"
    plist() { # moved-tag
      local n=0
      while read -r component repo path count; do
        n=$((n + 1)); local tag=v1.1.0; [ "$n" = "$moved" ] && tag="$1"
        echo "$component $repo $path $tag"
      done < "$world/plugins.txt" > "$work/usual-plugins.txt"
    }
    uw() { # label moodle-tag moved-tag
      plist "$3"
      local start; start=$(now)
      "$root/bench/usual-way.sh" "$usual" "$world" "$2" "$work/usual-plugins.txt" "r$r-$1" > "$logs/usual-$1.log" 2>&1 \
        || { tail -20 "$logs/usual-$1.log" >&2; exit 1; }
      sync; ms_since "$start"
    }
    discard "$usual"
    add usual1 "$(uw cold v4.5.7 v1.1.0)"
    add usual2 "$(uw warm v4.5.7 v1.1.0)"
    add usual5 "$(uw plugin-moved v4.5.7 v1.2.0)"
    uw reset v4.5.6 v1.2.0 > /dev/null
    add usual6 "$(uw moodle-moved v4.5.7 v1.2.0)"

    # the physical limits
    limit="$work/limit"; discard "$limit" "$archive"; mkdir -p "$limit/mirrors" "$limit/tree"
    start=$(now)
    for repo in $(cd "$world/github.com" && find . -name '*.git' -type d -prune | sort); do
      git clone -q --mirror "file://$world/github.com/$repo" "$limit/mirrors/$repo"
    done
    sync; clone_ms=$(ms_since "$start")
    start=$(now); git --git-dir="$work/releases.git" archive "$tree" | tar -x -C "$limit/tree"; sync; add clone_archive "$((clone_ms + $(ms_since "$start")))"
    start=$(now); git --git-dir="$work/releases.git" commit-tree "$tree" -m bench > /dev/null; sync; add commit_tree "$(ms_since "$start")"
    # the first release's objects packed by git from the mirrors (default object and delta reuse), in the build's
    # store, which sees the mirrors through its alternates and still has that tree (the warm build assembled it)
    first_tree="$(sed -n 's/.*Code base \([0-9a-f]\{40\}\): .*/\1/p' "$logs/cold.log" | head -1)"
    store="$site/target/moodle-cbm/objects.git"
    start=$(now)
    git --git-dir="$store" rev-list --objects "$first_tree" | git --git-dir="$store" pack-objects -q "$limit/pack" > /dev/null
    sync; add pack_objects "$(ms_since "$start")"
    discard "$limit"

    # 14. mvn site: the site report, written from what the builds above left (the lock, the code base's tree
    # in target/moodle-cbm, the release repository). The first run's warm-up, untimed, brings maven-site-plugin
    # and what it needs into ~/.m2; its output is put aside, so that every timed run writes target/site anew.
    if [ "$r" = 1 ]; then build site-report-warm-up site > /dev/null; discard "$site/target/site"; fi
    add site_report "$(build site-report site)"
    if [ "$r" = 1 ]; then
      page="$site/target/site/moodle-report.html"
      [ -s "$page" ] || { echo "mvn site wrote no $page: see $logs/site-report.log" >&2; exit 1; }
      while read -r component rest; do
        grep -qF "$component" "$page" || { echo "the site report does not list $component: see $page" >&2; exit 1; }
      done < "$world/plugins.txt"
    fi

    # 15. the container image of a release (moodle:image, an OCI tar, on a base image holding a busybox): cold
    # (no layer cache, no files written for it), then the image of the release after one plugin moved, whose
    # other layers Jib finds in its cache
    base="$work/base-image.tar"
    if [ ! -s "$base" ]; then
      [ -s "$work/classpath.txt" ] || "$mvnw" -B -ntp -q -f "$root/moodle-maven-plugin/pom.xml" dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
      java -cp "$root/moodle-maven-plugin/target/test-classes:$root/moodle-maven-plugin/target/classes:$(cat "$work/classpath.txt")" \
        io.github.moodlecbm.fixture.BaseImageTar "$base"
    fi
    discard "$work/cache/image-layers" "$site/target/moodle-image" "$site/target/moodle-cbm/image-files.index"
    add image_cold "$(build image-cold moodle:image "-Dmoodle.image.from=tar://$base" "-Dmoodle.release=$(tag_of cold)")"
    add image_moved "$(build image-moved moodle:image "-Dmoodle.image.from=tar://$base" "-Dmoodle.release=$(tag_of plugin-moved)")"
    grep -q "Image .* built: sha256:" "$logs/image-moved.log" || { echo "no image built: see $logs/image-moved.log" >&2; exit 1; }
  fi
  if [ "$only" != site ]; then fleet_run; fi
done

# The install test (fixture installer scripts), when PHP with pgsql and PostgreSQL are here: once,
# after the runs, for it writes a copy of the code base and a PostgreSQL cluster and deletes them,
# which would slow the next run's writes (see recently_deleted above).
if [ "$only" != fleet ] && command -v php > /dev/null && php -m 2> /dev/null | grep -qx pgsql; then
  add installtest "$(build install-test moodle:install-test)"
fi

# ---------------------------------------------------------------- report
stats() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{a[NR]=$1} END {printf "%d %d %d", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[1], a[NR]}'; }
med() { stats "$1" | cut -d' ' -f1; }
s() { awk -v ms="$1" 'BEGIN {printf "%.2f", ms/1000}'; }
row() { # label key [usual-key]; nothing when the scenario did not run (--only)
  [ -n "${T[$2]:-}" ] || return 0
  read -r m lo hi <<< "$(stats "${T[$2]}")"
  local ratio="—"
  if [ -n "${3:-}" ]; then ratio="$(awk -v a="$m" -v b="$(med "${T[$3]}")" 'BEGIN {printf "%.2f", a/b}')"; fi
  printf '| %-44s | %7s | %7s | %7s | %s |\n' "$1" "$(s "$m")" "$(s "$lo")" "$(s "$hi")" "$ratio"
}
startup=$(med "${T[startup]}")
plugin_time() { echo $(( $(med "${T[$1]}") - startup )); }
# (nothing when there is no such log: with --only site, the fleet's)
peak() { cat "$@" 2>/dev/null | sed -n 's/.* \([0-9]*\)M->[0-9]*M(\([0-9]*\)M).*/\1 \2/p' | sort -n | tail -1 || true; }
peak_heap="$(peak "$logs"/gc-*.log)"
fleet_heap="$(peak "$logs"/fleet-gc-*.log)"
if [ "$only" != fleet ]; then total_files="$(git --git-dir="$work/releases.git" ls-tree -r "$tree" | wc -l)"; fi
met() { if awk "BEGIN {exit !($1)}"; then echo "met"; else echo "**not met**"; fi; }

report="$work/report.md"
{
  echo "## moodle-cbm benchmark: Moodle with $files files, $plugins plugins${only:+ (only the $only scenarios)}"
  echo
  echo "${total_files:+Code base: $total_files files. }Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
    "Java $(java -version 2>&1 | head -1 | cut -d'"' -f2). $runs run(s); seconds, every timing ending with sync."
  echo
  echo "| scenario                                     |  median |     min |     max | ratio to the usual way |"
  echo "|----------------------------------------------|---------|---------|---------|------|"
  row "Maven start-up (empty project)" startup
  row "1. cold (empty cache, no release repository)" ours1 usual1
  row "2. warm CI, after mvn clean, workTree=false" ours2 usual2
  row "3. warm, after mvn clean, target/moodle" ours3 usual2
  row "4. no-op" ours4 usual2
  row "5. one plugin moved to a newer tag" ours5 usual5
  row "6. Moodle to the next point release" ours6 usual6
  row "usual way: 1. cold" usual1
  row "usual way: 2-4. warm (fetch, checkout, rsync, add)" usual2
  row "usual way: 5. one plugin moved" usual5
  row "usual way: 6. Moodle point release" usual6
  row "limit: git clone --mirror of all + archive|tar" clone_archive
  row "limit: git archive | tar -x of the tree" archive
  row "limit: git commit-tree of the tree" commit_tree
  row "limit: lstat of every file (find -printf)" lstat_all
  row "limit: git pack-objects of a first release's objects" pack_objects
  row "3. of which writing target/moodle" write
  row "1. of which the first release (empty release repository)" release1
  row "5. of which its release (a few new objects)" release5
  row "7. rollout of a first release (every file written)" rollout1
  row "8. rollout of the next release (one plugin moved)" rollout2
  row "9. rollback" rollback
  row "limit: cp -al of a release folder" cp_al
  if [ -n "${T[installtest]:-}" ]; then row "10. install test (the fixture's installer)" installtest; fi
  row "11. twenty patches added (19 plugins, Moodle)" patched
  row "11. the same patches removed" unpatched
  row "12. fleet cold: $fleet_sites sites x $fleet_take plugins, -T 2" fleet_cold
  row "13. fleet warm CI, after mvn clean, workTree=false, -T 2" fleet_warm
  row "13. one site of the fleet alone, the same way" fleet_one
  row "14. mvn site (the site report)" site_report
  row "15. container image of a release, cold" image_cold
  row "15. container image after one plugin moved" image_moved
  echo
  if [ "$only" != fleet ]; then
    echo "Peak heap used (before a GC): ${peak_heap% *} MB of ${peak_heap#* } MB${heap:+ (-Xmx$heap)}."
    echo "Files written: warm $warm_files, plugin moved $pin_files ($moved_component v1.1.0 -> v1.2.0), Moodle 4.5.6 -> 4.5.7 $moodle_files."
  fi
  if [ "$only" != site ]; then
    fleet_files="$(git --git-dir="$work/fleet-data/moodle-cbm/releases/org.example.bench.fleet/$(fleet_name 1).git" \
      ls-tree -r "$(grep -o '"tree": "[0-9a-f]*"' "$fleet/sites/$(fleet_name 1)/moodle.lock" | head -1 | cut -d'"' -f4)" | wc -l)"
    lo_use=$(( fleet_sites * fleet_take / fleet_repos )); hi_use=$(( (fleet_sites * fleet_take + fleet_repos - 1) / fleet_repos ))
    n_fetched="$(tr ' ' '\n' <<< "$fleet_fetched" | grep . | sort -u | paste -sd/)"
    echo "Fleet: $fleet_sites sites of $fleet_take plugins each from a catalog of $fleet_repos, each plugin used by" \
      "$lo_use$([ "$hi_use" = "$lo_use" ] || echo "-$hi_use") sites; a site's code base: $fleet_files files." \
      "The cold build fetched $n_fetched repositories (Moodle, the catalog's $fleet_repos plugins$(
        extra=$(( ${fleet_fetched##* } - 1 - fleet_repos )); [ "$extra" -le 0 ] || echo " and the source of $extra submodule$([ "$extra" = 1 ] || echo s)"))," \
      "the warm builds $([ "$fleet_warm_fetches" = 0 ] && echo none || echo "$fleet_warm_fetches times")." \
      "Peak heap used (before a GC): ${fleet_heap% *} MB of ${fleet_heap#* } MB${heap:+ (-Xmx$heap)}."
  fi
  echo
  echo "| target | figure | |"
  echo "|---|---|---|"
  if [ "$only" != fleet ]; then
    u2=$(med "${T[usual2]}"); o2=$(med "${T[ours2]}")
    echo "| warm CI build <= 1/3 of the usual way's warm build | $(s "$o2") s vs $(s "$u2") s / 3 = $(s $((u2 / 3))) s | $(met "$o2 <= $u2 / 3") |"
    w=$(med "${T[write]}"); a=$(med "${T[archive]}")
    echo "| writing target/moodle within 1.2x of git archive \| tar -x | $(s "$w") s vs 1.2 x $(s "$a") s | $(met "$w <= 1.2 * $a") |"
    p4=$(plugin_time ours4)
    echo "| no-op: nothing written, no commit, plugin time < 1 s | $(s "$p4") s (total $(s "$(med "${T[ours4]}")") s - start-up $(s "$startup") s; one lstat per file alone: $(s "$(med "${T[lstat_all]}")") s) | $(met "$p4 < 1000") |"
    p3=$(plugin_time ours3); p5=$(plugin_time ours5)
    # A moved pin also does all a no-op does (every file of target/moodle proven intact first): when the
    # no-op alone is above the target, the target is below this machine's floor, and the report says so.
    moved_verdict=$(met "$p5 <= 0.1 * $p3 + 0")
    if [ "$moved_verdict" != met ] && awk "BEGIN {exit !($p4 > 0.1 * $p3)}"; then
      moved_verdict="**not met**: below the floor (the no-op alone, $(s "$p4") s)"
    fi
    echo "| one plugin moved: < 10% of the warm build's plugin time, plus its files | $(s "$p5") s vs 10% of $(s "$p3") s, $pin_files files written; $(s $((p5 - p4))) s beyond the no-op | $moved_verdict |"
    p6=$(plugin_time ours6)
    echo "| Moodle point release: proportional to the files changed | $(s "$p6") s for $moodle_files files; no-op $(s "$p4") s; warm $(s "$p3") s for $warm_files files | $(met "($p6 - $p4) <= 3 * ($p3 - $p4) * $moodle_files / $warm_files + 300") |"
    r1=$(med "${T[release1]}"); po=$(med "${T[pack_objects]}")
    echo "| first release <= 1.5x git pack-objects of the same objects | $(s "$r1") s vs 1.5 x $(s "$po") s | $(met "$r1 <= 1.5 * $po") |"
    pa=$(med "${T[patched]}"); un=$(med "${T[unpatched]}")
    echo "| twenty patches add < 0.5 s to a build | $(s $((pa - un))) s ($(s "$pa") s with them added, $(s "$un") s with them removed) | $(met "$pa - $un < 500") |"
    o1=$(med "${T[ours1]}"); c1=$(med "${T[clone_archive]}")
    echo "| cold within 1.5x of clone --mirror + archive\|tar | $(s "$o1") s vs 1.5 x $(s "$c1") s | $(met "$o1 <= 1.5 * $c1") |"
    sr=$(plugin_time site_report)
    echo "| mvn site (site report) < 10 s beyond Maven's start-up | $(s "$sr") s (total $(s "$(med "${T[site_report]}")") s - start-up $(s "$startup") s) | $(met "$sr < 10000") |"
  fi
  if [ "$only" != site ]; then
    fw=$(med "${T[fleet_warm]}"); f1=$(med "${T[fleet_one]}")
    echo "| fleet warm CI ($fleet_sites sites) <= 8x one site's warm CI build | $(s "$fw") s vs 8 x $(s "$f1") s = $(s $((8 * f1))) s | $(met "$fw <= 8 * $f1") |"
    if [ -z "$fleet_refetched" ]; then
      echo "| cold fleet: each repository fetched once | $n_fetched repositories, each fetched once | met |"
    else
      echo "| cold fleet: each repository fetched once | $n_fetched repositories; not once: ${fleet_refetched#, } | **not met** |"
    fi
  fi
  if [ -n "$heap" ]; then
    echo "| builds pass in -Xmx$heap | every build passed; peak ${peak_heap:+${peak_heap% *} MB}${fleet_heap:+${peak_heap:+, }fleet ${fleet_heap% *} MB} | met |"
  fi
} | tee "$report"
rm -rf "$trash"
echo
echo "Report: $report; logs: $logs"
