#!/usr/bin/env bash
# The time of php -l on a site's plugins (PhpLint.check, -Dmoodle.phpLint) on generated
# Moodle-plugin-like code: the median of a few runs, in seconds.
#
#   bench/php-lint.sh [files] [plugins] [runs] [php]     (default: 5000 12 3, the php on the PATH)
#
# Builds the test classes first (Maven's options from MAVEN_ARGS, such as -Dmaven.repo.local=...).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/target/bench/php-lint"
mkdir -p "$work"
"$root/mvnw" -B -ntp -q -f "$root/moodle-maven-plugin/pom.xml" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
java -cp "$root/moodle-maven-plugin/target/test-classes:$root/moodle-maven-plugin/target/classes:$(cat "$work/classpath.txt")" \
  io.github.moodlecbm.core.verify.PhpLintBench "$@"
