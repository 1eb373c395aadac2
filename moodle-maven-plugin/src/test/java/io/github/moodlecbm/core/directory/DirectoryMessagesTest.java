package io.github.moodlecbm.core.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DirectoryMessagesTest {
  @Test
  void theAgeOfACopyIsInMinutesThenHoursThenDays() {
    assertEquals("Offline: the plugins directory as downloaded 1 minute(s) ago.", DirectoryMessages.offlineCopy(Duration.ofSeconds(5)));
    assertEquals("Offline: the plugins directory as downloaded 47 hour(s) ago.", DirectoryMessages.offlineCopy(Duration.ofHours(47)));
    assertEquals("The plugins directory https://download.moodle.org/api/1.3/pluglist.php cannot be reached (HTTP 503): using"
        + " the copy downloaded 3 days ago.", DirectoryMessages.usingOldCopy("https://download.moodle.org/api/1.3/pluglist.php",
        "HTTP 503", Duration.ofHours(70)));
  }

  @Test
  void aDownloadSaysItsSizeAndTime() {
    assertEquals("Downloaded the plugins directory (1800 plugins, 2.5 MB) in 1.2 s.",
        DirectoryMessages.downloaded(1800, 2_500_000, 1_200_000_000L));
  }
}
