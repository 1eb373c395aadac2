#!/usr/bin/env bash
# Times a Moodle-sized site build: a fake Moodle of MOODLE_FILES filler files (default 30,000)
# plus 14 real-shaped plugins and BENCH_PLUGINS generated ones (default 11, 20 to 3,000 files
# each), built with `mvn -q package`: cold (empty mirror cache, no lock), warm after
# `mvn clean` (mirrors and lock kept), and a no-op rebuild. Everything is local; nothing is
# fetched from GitHub.
#
#   bench/scale.sh [MOODLE_FILES] [BENCH_PLUGINS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
files="${1:-30000}"
bench="${2:-11}"
work="$root/target/bench-scale-$files-$bench"
mvn="$root/mvnw -B -ntp -q"

$mvn -f "$root/pom.xml" install -DskipTests -pl moodle-maven-plugin,moodle-site-archetype -am
if [ ! -d "$work/world" ]; then
  echo "Generating fixtures in $work/world ..."
  $mvn -f "$root/moodle-maven-plugin/pom.xml" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
  java -cp "$root/moodle-maven-plugin/target/test-classes:$root/moodle-maven-plugin/target/classes:$(cat "$work/classpath.txt")" \
    io.github.moodlecbm.fixture.Ecosystem "$work/world" "$files" "$bench" > "$work/rewrite.txt" 2>/dev/null
fi
rewrite="$(cat "$work/rewrite.txt")"
site="$work/site"
rm -rf "$site" "$work/cache" && mkdir -p "$site"

plugin() { # component repo kind value [path]
  printf '            <plugin><component>%s</component><source>https://github.com/%s.git</source><%s>%s</%s>%s</plugin>\n' \
    "$1" "$2" "$3" "$4" "$3" "${5:+<path>$5</path>}"
}
{
  cat <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example.bench</groupId>
  <artifactId>bigsite</artifactId>
  <version>1.0-SNAPSHOT</version>
  <packaging>moodle-codebase</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.moodlecbm</groupId>
        <artifactId>moodle-maven-plugin</artifactId>
        <version>0.1.0-SNAPSHOT</version>
        <extensions>true</extensions>
        <configuration>
          <moodle><version>4.5</version></moodle>
          <plugins>
XML
  plugin mod_attendance danmarsden/moodle-mod_attendance branch MOODLE_405_STABLE
  plugin block_xp FMCorz/moodle-block_xp tag v19.2
  plugin mod_customcert mdjnelson/moodle-mod_customcert branch MOODLE_405_STABLE
  plugin customcertelement_coursefield someone/moodle-customcertelement_coursefield tag 1.2.0
  plugin mod_hvp h5p/moodle-mod_hvp tag 1.27
  plugin quizaccess_honestycheck catalyst/moodle-quizaccess_honestycheck branch MOODLE_405_STABLE
  plugin tiny_c4l bfh/moodle-tiny_c4l tag v1.0.0
  plugin logstore_xapi xAPI-vle/moodle-logstore_xapi tag v4.7.0
  plugin local_o365 microsoft/o365-moodle branch MOODLE_405_STABLE local/o365
  plugin auth_oidc microsoft/o365-moodle branch MOODLE_405_STABLE auth/oidc
  plugin format_tiles davidwatson/moodle-format_tiles tag v4.5-r1
  plugin filter_filtercodes michael-milette/moodle-filter_filtercodes tag 2.6.2
  plugin tool_mergeusers jpahullo/moodle-tool_mergeusers branch main
  plugin theme_boost_union moodle-an-hochschulen/moodle-theme_boost_union tag v4.5-r3
  for n in $(seq 1 "$bench"); do
    c=$(printf 'local_bench%02d' "$n")
    plugin "$c" "bench/moodle-$c" tag v1.1.0
  done
  cat <<XML
          </plugins>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
XML
} > "$site/pom.xml"

run() { # label, mvn args...
  local label="$1"; shift
  local start ms
  start=$(date +%s%N)
  (cd "$site" && $mvn "$@" -Dmoodle.rewrites="$rewrite" -Dmoodle.cacheDir="$work/cache" > "$work/${label%% *}.log")
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf '| %-28s | %3d.%02d s |\n' "$label" $((ms / 1000)) $((ms % 1000 / 10))
}

echo
echo "Site: Moodle 4.5 with $files filler files, $((14 + bench)) plugins"
echo "| build                        | time     |"
echo "|------------------------------|----------|"
run "cold (empty cache, no lock)" package
(cd "$site" && $mvn clean)
run "warm after mvn clean" package
run "no-op rebuild" package
echo
echo "Files in target/moodle: $(find "$site/target/moodle" -type f | wc -l)"
echo "Code base tree: $(grep -o '"tree": "[0-9a-f]*"' "$site/moodle.lock" | head -1)"
