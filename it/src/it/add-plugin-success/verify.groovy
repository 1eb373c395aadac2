// The pom gained the plugin and its dependency, listed first; every other byte is as it was.
def before = new File(basedir, "pom.before").text
def after = new File(basedir, "pom.xml").text
def inserted = """            <plugin>
              <component>theme_boost_union_child</component>
            </plugin>
            <plugin>
              <component>theme_boost_union</component>
            </plugin>
"""
assert after.contains(inserted)
assert after.replace(inserted, "") == before
def log = new File(basedir, "build.log").text
assert log.contains("Adding theme_boost_union_child: branch main: requires 2024100700")
assert log.contains("Adding theme_boost_union (theme_boost_union_child depends on it): MOODLE_405_STABLE: supported [405, 405], requires 2024100700")
assert log.indexOf("Adding theme_boost_union_child") < log.indexOf("Added 2 plugin(s) to pom.xml.")
assert log.contains("[WARNING] theme_boost_union_child requires theme_boost_union 2025041400 or later, but the version for this Moodle is 2024100703")
assert !new File(basedir, "target/moodle").exists()
return true
