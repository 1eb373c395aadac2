#!/usr/bin/env bash
# A Moodle site built end to end, offline from GitHub: fixture repositories shaped like
# Moodle and real plugins are generated locally, a site project is generated with the
# archetype, and `mvn package` assembles its code base.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
demo="$root/target/demo"
mvn="$root/mvnw -B -ntp -q"

echo "== Building and installing moodle-maven-plugin and moodle-site-archetype"
$mvn -f "$root/pom.xml" install -DskipTests -pl moodle-maven-plugin,moodle-site-archetype -am

rm -rf "$demo" && mkdir -p "$demo"
echo "== Generating fixture repositories (a fake Moodle 4.5/5.0/5.1 and plugins) in $demo/world"
$mvn -f "$root/moodle-maven-plugin/pom.xml" dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$demo/classpath.txt"
rewrite=$(java -cp "$root/moodle-maven-plugin/target/test-classes:$root/moodle-maven-plugin/target/classes:$(cat "$demo/classpath.txt")" \
  io.github.moodlecbm.fixture.Ecosystem "$demo/world" 2>/dev/null)

echo "== mvn archetype:generate (batch mode)"
(cd "$demo" && $mvn archetype:generate -DarchetypeGroupId=io.github.moodlecbm \
  -DarchetypeArtifactId=moodle-site-archetype -DarchetypeVersion=0.1.0-SNAPSHOT \
  -DgroupId=org.example -DartifactId=mysite -Dversion=1.0-SNAPSHOT -DmoodleVersion=4.5)
site="$demo/mysite"

echo "== Declaring four plugins in mysite/pom.xml"
cat > "$demo/plugins.xml" <<'XML'
            <plugin>
              <component>mod_attendance</component>
              <source>https://github.com/danmarsden/moodle-mod_attendance.git</source>
              <branch>MOODLE_405_STABLE</branch>
            </plugin>
            <plugin>
              <component>mod_hvp</component>
              <source>https://github.com/h5p/moodle-mod_hvp.git</source>
              <tag>1.27</tag>
            </plugin>
            <plugin>
              <component>quizaccess_honestycheck</component>
              <source>https://github.com/catalyst/moodle-quizaccess_honestycheck.git</source>
              <branch>MOODLE_405_STABLE</branch>
            </plugin>
            <plugin>
              <component>local_o365</component>
              <source>https://github.com/microsoft/o365-moodle.git</source>
              <branch>MOODLE_405_STABLE</branch>
              <path>local/o365</path>
            </plugin>
XML
# insert after the second <plugins> line: the one inside the plugin's <configuration>
awk -v f="$demo/plugins.xml" '{print} /<plugins>/ && ++n == 2 {while ((getline l < f) > 0) print l}' \
  "$site/pom.xml" > "$site/pom.xml.new" && mv "$site/pom.xml.new" "$site/pom.xml"

echo "== mvn package (github.com rewritten to the local fixtures)"
(cd "$site" && ./mvnw -B -ntp package -Dmoodle.rewrites="$rewrite" -Dmoodle.cacheDir="$demo/cache")

echo
echo "The code base is in $site/target/moodle; its lock file is $site/moodle.lock."
echo "Plugins installed:"
for d in mod/attendance mod/hvp mod/quiz/accessrule/honestycheck local/o365; do
  echo "  $d ($(find "$site/target/moodle/$d" -type f | wc -l) files)"
done
